/**
 * The MCTS lab: play tic-tac-toe or connect four against Monte Carlo tree search, watch two searches
 * with different budgets play each other, or a search against perfect play (minimax, tic-tac-toe), and
 * step through any position's search phase by phase (Explorer). Each machine move is one engine search
 * (`mcts/search`): its root moves' visit shares over the board, its principal variation and a bar of
 * the chances it sees.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { LabField } from '../../components/LabField';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import type { MctsResult } from '../../../../../src/native/mcts';
import { SavePicture } from '../../recording/SavePicture';
import { Board } from './Board';
import { Explorer } from './Explorer';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { checkForm, loadForm, minimaxMode, MODES, presetOpened, saveForm, type FieldErrors, type MctsForm, type Mode } from './mctsForm';
import { AzTraining } from './AzTraining';
import { cellOf, emptyBoard, legalMoves, outcome, play, toMove, type Game, type Side } from './mctsGames';
import './mcts.css';

function Field(p: { id: keyof MctsForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof MctsForm]; disabled?: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="mcts" className="mcts-field" label={t(`mcts.field.${p.id}` as StringKey)} disabled={p.disabled ?? false} {...p} />;
}

type Player = 'human' | 'mcts-a' | 'mcts-b' | 'minimax' | 'az';

/** Who plays the side to move: player A (you, MCTS or the self-play agent) plays `side`, player B the other. */
export function playerOf(mode: Mode, side: Side, mover: Side): Player {
  const [a, b] = mode.split('-') as [string, string];
  const name = (p: string, second: boolean): Player => (p === 'human' ? 'human' : p === 'az' ? 'az' : p === 'minimax' ? 'minimax' : second ? 'mcts-b' : 'mcts-a');
  if (mode === 'human') return mover === side ? 'human' : 'mcts-a';
  if (mover === side) return name(a, false);
  return name(b, true);
}
const humanMode = (m: Mode) => m.startsWith('human');

export default function MctsView() {
  const { t } = useI18n();
  const client = useClient();
  // a lesson's preset or an opened preset file (read once): its position, you against MCTS, the search open
  const [opened] = useState(() => presetOpened(readPendingPreset('mcts-lab')));
  useEffect(() => clearPendingPreset(), []);
  const [form, setForm] = useState<MctsForm>(() => (opened ? { ...loadForm(), ...opened.form } : loadForm()));
  useEffect(() => saveForm(form), [form]);
  const checked = useMemo(() => checkForm(form), [form]);
  const [board, setBoard] = useState(() => opened?.board ?? emptyBoard(form.game));
  const [last, setLast] = useState<number | undefined>(undefined);
  const [search, setSearch] = useState<(MctsResult & { by: Player }) | null>(null);
  const [thinking, setThinking] = useState(false);
  const [auto, setAuto] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [explore, setExplore] = useState(opened !== null);
  const game = form.game;
  const result = outcome(game, board);
  const mover = toMove(board);
  const who = playerOf(form.mode, form.side, mover);
  const over = result.winner !== null;
  const generation = useRef(0);

  const newGame = (g: Game = game) => {
    generation.current++;
    setBoard(emptyBoard(g));
    setLast(undefined);
    setSearch(null);
    setThinking(false);
    setError(null);
  };
  const patch = (p: Partial<MctsForm>) => {
    const f = { ...form, ...p };
    if (minimaxMode(f.mode) && f.game !== 'tictactoe') f.mode = 'human';
    setForm(f);
    if (p.game !== undefined && p.game !== game) newGame(p.game);
  };
  const apply = (move: number) => {
    setLast(cellOf(game, board, move));
    setBoard(play(game, board, move));
  };
  const humanMove = (move: number) => {
    if (over || thinking || who !== 'human' || !legalMoves(game, board).includes(move)) return;
    apply(move);
  };
  const machineMove = useCallback(async () => {
    if (over || thinking || who === 'human' || !checked.ok) return;
    const mine = generation.current;
    setThinking(true);
    setError(null);
    const ply = board.length - (board.match(/\./g)?.length ?? 0);
    try {
      const r = (await client.request('mcts/search', {
        game,
        board,
        iterations: who === 'mcts-b' ? checked.itersB : checked.itersA,
        seed: checked.seed + ply,
        agent: who === 'minimax' ? 'minimax' : who === 'az' ? 'az' : 'mcts',
        // the network's search has its own constant and no rollouts
        ...(who === 'az' ? {} : { uct: checked.uct, rollout: form.rollout }),
        ...(checked.timeMs > 0 && (who === 'mcts-a' || who === 'mcts-b') ? { time_ms: checked.timeMs } : {}),
      })) as MctsResult;
      if (mine !== generation.current) return;
      setSearch({ ...r, by: who });
      setLast(cellOf(game, board, r.move));
      setBoard(play(game, board, r.move));
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message);
    } finally {
      if (mine === generation.current) setThinking(false);
    }
  }, [over, thinking, who, checked, board, client, game, form.rollout]);
  // the machine answers a human at once; machines play each other on auto-play
  useEffect(() => {
    if (over || thinking || who === 'human' || !checked.ok) return;
    if (humanMode(form.mode) || auto) {
      const timer = setTimeout(() => void machineMove(), humanMode(form.mode) ? 50 : 350);
      return () => clearTimeout(timer);
    }
  }, [over, thinking, who, checked.ok, form.mode, auto, machineMove]);

  const best = search ? search.moves.find((m) => m.move === search.move) : undefined;
  // the searcher's view of its chances: the chosen move's mean outcome v in [−1, 1] as (v + 1) / 2 for it
  const moverShare = best ? (best.value + 1) / 2 : null;
  const xShare = search && moverShare !== null ? (search.to_move === 'x' ? moverShare : 1 - moverShare) : null;
  const moveName = (m: number) => (game === 'tictactoe' ? t('mcts.cellShort', { n: m }) : t('mcts.colShort', { n: m }));
  const playerName = (p: Player) => t(`mcts.player.${p}` as StringKey, { n: p === 'mcts-b' ? checked.itersB : checked.itersA });
  const status = over
    ? result.winner === 'draw'
      ? t('mcts.status.draw')
      : t('mcts.status.won', { side: result.winner!, player: playerName(playerOf(form.mode, form.side, result.winner as Side)) })
    : thinking
      ? t('mcts.status.thinking', { player: playerName(who) })
      : who === 'human'
        ? t('mcts.status.yourTurn', { side: mover })
        : t('mcts.status.toMove', { side: mover, player: playerName(who) });

  return (
    <div className="mcts" data-testid="mcts-view">
      <aside className="mcts-settings">
        <label className="mcts-field">
          <span>{t('mcts.field.game')}</span>
          <select data-testid="mcts-game" value={game} onChange={(e) => patch({ game: e.target.value as Game })}>
            <option value="tictactoe">{t('mcts.game.tictactoe')}</option>
            <option value="connect4">{t('mcts.game.connect4')}</option>
          </select>
        </label>
        <label className="mcts-field">
          <span>{t('mcts.field.mode')}</span>
          <select data-testid="mcts-mode" value={form.mode} onChange={(e) => (patch({ mode: e.target.value as Mode }), newGame())}>
            {MODES.filter((m) => !minimaxMode(m) || game === 'tictactoe').map((m) => (
              <option key={m} value={m}>
                {t(`mcts.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="mcts-field">
          <span>{t(humanMode(form.mode) ? 'mcts.field.youPlay' : 'mcts.field.aPlays')}</span>
          <select data-testid="mcts-side" value={form.side} onChange={(e) => (patch({ side: e.target.value as Side }), newGame())}>
            <option value="x">{t('mcts.side.x')}</option>
            <option value="o">{t('mcts.side.o')}</option>
          </select>
        </label>
        <Field id="itersA" value={form.itersA} onChange={(v) => patch({ itersA: v })} error={checked.errors.itersA} />
        {form.mode.endsWith('-mcts') && <Field id="itersB" value={form.itersB} onChange={(v) => patch({ itersB: v })} error={checked.errors.itersB} />}
        <Field id="timeMs" value={form.timeMs} onChange={(v) => patch({ timeMs: v })} error={checked.errors.timeMs} />
        <Field id="uct" value={form.uct} onChange={(v) => patch({ uct: v })} error={checked.errors.uct} />
        <label className="mcts-field">
          <span>{t('mcts.field.rollout')}</span>
          <select data-testid="mcts-rollout" value={form.rollout} onChange={(e) => patch({ rollout: e.target.value as MctsForm['rollout'] })}>
            <option value="random">{t('mcts.rollout.random')}</option>
            <option value="heuristic">{t('mcts.rollout.heuristic')}</option>
          </select>
        </label>
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} />
        <p className="muted">{t('mcts.about')}</p>
      </aside>
      <section className="mcts-stage">
        <div className="mcts-bar">
          <button type="button" data-testid="mcts-new-game" onClick={() => newGame()}>
            {t('mcts.newGame')}
          </button>
          {!humanMode(form.mode) && (
            <>
              <button type="button" data-testid="mcts-machine-move" disabled={over || thinking || !checked.ok} onClick={() => void machineMove()}>
                {t('mcts.oneMove')}
              </button>
              <label>
                <input type="checkbox" data-testid="mcts-auto" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> {t('mcts.auto')}
              </label>
            </>
          )}
          <label>
            <input type="checkbox" data-testid="mcts-explore" checked={explore} onChange={(e) => setExplore(e.target.checked)} /> {t('mcts.explore')}
          </label>
          <span className="mcts-status" data-testid="mcts-status" data-over={over ? (result.winner ?? '') : ''} data-turn={who}>
            {status}
          </span>
        </div>
        {!checked.ok && (
          <p className="field-error" role="alert" data-testid="mcts-blocked">
            {t('mcts.blocked')}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="mcts-error">
            {error}
          </p>
        )}
        <div className="mcts-row">
          <div className="mcts-board-box">
            <Board game={game} board={board} onMove={humanMove} line={result.line} last={last} label={t('mcts.board.label')} testId="mcts-board" />
            <SavePicture target='[data-testid="mcts-board"]' name={game} testId="mcts-board-picture" svg />
          </div>
          <div className="mcts-side" data-testid="mcts-search" data-move={search ? String(search.move) : ''} data-by={search?.by ?? ''}>
            <h3>{t('mcts.search.title')}</h3>
            {search ? (
              <>
                <p className="muted">
                  {t(search.agent === 'minimax' ? 'mcts.search.minimax' : search.agent === 'az' ? 'mcts.search.az' : 'mcts.search.summary', { player: playerName(search.by), n: search.iterations, nodes: search.nodes, move: moveName(search.move) })}
                </p>
                {xShare !== null && (
                  <div className="mcts-winbar" data-testid="mcts-winbar" data-x={xShare.toFixed(3)} title={t('mcts.winbar.title')}>
                    <div className="x" style={{ width: `${(100 * xShare).toFixed(1)}%` }}>
                      x {(100 * xShare).toFixed(0)}%
                    </div>
                    <div className="o">o {(100 * (1 - xShare)).toFixed(0)}%</div>
                  </div>
                )}
                {search.agent === 'az' && search.root_value !== undefined && (
                  <p data-testid="mcts-root-value" data-value={search.root_value.toFixed(4)}>
                    {t('mcts.az.rootValue', { side: search.to_move, v: (search.root_value >= 0 ? '+' : '−') + Math.abs(search.root_value).toFixed(3) })}
                  </p>
                )}
                <p data-testid="mcts-pv">
                  {t('mcts.pv')}: <span translate="no">{search.pv.map(moveName).join(' → ')}</span>
                </p>
                <table className="mcts-moves">
                  <thead>
                    <tr>
                      <th>{t('mcts.table.move')}</th>
                      <th>{t(search.agent === 'minimax' ? 'mcts.table.exact' : 'mcts.table.visits')}</th>
                      <th>{t('mcts.table.value')}</th>
                      {search.agent === 'az' && <th>{t('mcts.table.prior')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {[...search.moves]
                      .sort((a, b) => b.visits - a.visits || b.value - a.value)
                      .map((m) => (
                        <tr key={m.move} className={m.move === search.move ? 'best' : ''}>
                          <td>{moveName(m.move)}</td>
                          <td>{search.agent === 'minimax' ? t(m.value > 0 ? 'mcts.exact.win' : m.value < 0 ? 'mcts.exact.loss' : 'mcts.exact.draw') : m.visits}</td>
                          <td>{(m.value >= 0 ? '+' : '−') + Math.abs(m.value).toFixed(3)}</td>
                          {search.agent === 'az' && <td data-testid={`mcts-prior-${m.move}`}>{((m.prior ?? 0) * 100).toFixed(1)}%</td>}
                        </tr>
                      ))}
                  </tbody>
                </table>
                <Board game={game} board={search.board} shares={search.moves} label={t('mcts.shares.label')} testId="mcts-shares" size={game === 'tictactoe' ? 44 : 28} />
                <p className="muted">{t('mcts.shares.note')}</p>
              </>
            ) : (
              <p className="muted">{t('mcts.search.none')}</p>
            )}
          </div>
        </div>
        {form.mode.includes('az') && <AzTraining game={game} />}
        {explore && !over && checked.ok && <Explorer game={game} board={board} uct={checked.uct} rollout={form.rollout} seed={checked.seed} />}
        {explore && over && <p className="muted">{t('mcts.explore.over')}</p>}
      </section>
    </div>
  );
}
