/**
 * How the shipped self-play network of a game was trained (`mcts/az-history`: assets/agents/az-<game>.json):
 * its settings in a line, and charts per iteration of the policy and value losses and of its scores
 * against a random player and, at tic-tac-toe, against perfect play.
 */
import { useEffect, useMemo, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { Results } from '../../../../../src/protocol/methods';
import type { Game } from './mctsGames';

type Training = Results['mcts/az-history']['training'];

export function AzTraining({ game }: { game: Game }) {
  const { t } = useI18n();
  const client = useClient();
  const [training, setTraining] = useState<Training | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setTraining(undefined);
    client.request('mcts/az-history', { game }).then(
      (r) => live && setTraining((r as Results['mcts/az-history']).training),
      () => live && setTraining(null),
    );
    return () => {
      live = false;
    };
  }, [client, game]);
  const charts = useMemo(() => {
    if (!training) return null;
    const h = training.history;
    const x = h.map((r) => r.iteration);
    const losses = new SeriesBuffer(2, Math.max(4, h.length));
    losses.append(x, [h.map((r) => r.policy_loss), h.map((r) => r.value_loss)]);
    // the losses against perfect play exist at tic-tac-toe only
    const judged = h.every((r) => r.minimax_losses !== null);
    const scores = new SeriesBuffer(judged ? 2 : 1, Math.max(4, h.length));
    scores.append(x, judged ? [h.map((r) => r.vs_random), h.map((r) => r.minimax_losses ?? 0)] : [h.map((r) => r.vs_random)]);
    return { losses, scores, judged };
  }, [training]);
  if (training === undefined) return null;
  if (training === null || !charts)
    return (
      <p className="muted" data-testid="mcts-az-training">
        {t('mcts.az.none')}
      </p>
    );
  const s = training.settings;
  return (
    <section className="mcts-az" data-testid="mcts-az-training" data-iterations={training.history.length}>
      <h3>{t('mcts.az.title')}</h3>
      <p className="muted">
        {t('mcts.az.settings', { iterations: training.history.length, games: String(s.games ?? ''), simulations: String(s.simulations ?? ''), seconds: training.seconds.toFixed(1) })}
      </p>
      <div className="mcts-az-charts">
        <div>
          <h3>{t('mcts.az.losses')}</h3>
          <LiveChart buffer={charts.losses} labels={[t('mcts.az.policyLoss'), t('mcts.az.valueLoss')]} colors={['#2f6fde', '#e07b00']} xLabel={t('mcts.az.iteration')} height={160} testId="mcts-az-losses" />
        </div>
        <div>
          <h3>{t('mcts.az.scores')}</h3>
          <LiveChart buffer={charts.scores} labels={charts.judged ? [t('mcts.az.vsRandom'), t('mcts.az.minimaxLosses')] : [t('mcts.az.vsRandom')]} colors={['#1b8a4c', '#c0392b']} xLabel={t('mcts.az.iteration')} height={160} testId="mcts-az-scores" />
        </div>
      </div>
    </section>
  );
}
