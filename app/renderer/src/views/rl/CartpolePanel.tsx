/**
 * The RL lab's cart-pole panel (lab "cartpole": native/core/labs/cartpole.hpp): REINFORCE, A2C or DQN
 * learning to balance the pole, an episode a step. The last training episode is replayed on the cart
 * with the net's outputs at each state (π or Q); the returns are charted with the mean of the last 100;
 * "Watch the policy" plays an episode of the greedy policy; "Play it yourself" hands the cart to the
 * arrow keys (each tick one step of the engine's dynamics, `rl/cartpole`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { LabField } from '../../components/LabField';
import { ResetToApply } from '../../components/ResetToApply';
import { useClient } from '../../connection/ClientProvider';
import { LabRunBar } from '../../controls/LabRunBar';
import { usePolled } from '../../controls/usePolled';
import { useLiveLab } from '../../controls/useLiveLab';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { compactNumber } from '../../../../../src/format/number';
import { cartpoleLab } from '../../../../../src/labs/cartpole';
import type { CartpoleRollout } from '../../../../../src/native/rl';
import { PictureTools } from '../../recording/PictureTools';
import { CartPicture, type CartState } from './CartPicture';
import { CartpoleLive, type CartFrame } from './cartpoleLive';
import { checkCartpoleForm, cartpoleFormFromConfig, cartpolePreset, CP_PRESETS, LEARNERS, loadCartpoleForm, saveCartpoleForm, type CartpoleForm, type CpErrors, type Learner } from './cartpoleForm';

const SPEEDS = [0, 20, 5, 1];
const TAU_MS = 20; // the dynamics' τ: 0.02 s a step, drawn in real time

function Field(p: { id: keyof CartpoleForm; value: string; onChange: (v: string) => void; error: CpErrors[keyof CartpoleForm]; disabled: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="cp" className="rl-field" label={t(`rl.cp.field.${p.id}` as StringKey)} {...p} />;
}

/** Which frame the cart replays: the last training episode, or the greedy policy's. */
type Showing = 'episode' | 'watch';

function stateAt(f: CartFrame, i: number): CartState {
  const k = Math.max(0, Math.min(i, f.shape[0]! - 1));
  const d = f.data;
  return { x: d[k * 6]!, theta: d[k * 6 + 2]!, step: k, outputs: [d[k * 6 + 4]!, d[k * 6 + 5]!], kind: f.meta.outputs, push: null };
}

export function CartpolePanel({ preset }: { preset: Record<string, unknown> | null }) {
  const { t } = useI18n();
  const client = useClient();
  const [form, setForm] = useState<CartpoleForm>(() => (preset ? cartpoleFormFromConfig(preset) : null) ?? loadCartpoleForm());
  useEffect(() => saveCartpoleForm(form), [form]);
  const checked = useMemo(() => checkCartpoleForm(form), [form]);
  const { live, run } = useLiveLab(cartpoleLab.id, () => new CartpoleLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const n = usePolled(live, (l) => l.version, (l) => ({ ...l.numbers, episodeFrame: l.episode, watch: l.watch }), 120);
  const patch = (p: Partial<CartpoleForm>) => setForm((f) => ({ ...f, preset: 'custom', ...p }));
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');

  // replaying a frame on the cart, one state per τ
  const [showing, setShowing] = useState<Showing>('episode');
  const frame = showing === 'watch' ? (n.watch ?? n.episodeFrame) : n.episodeFrame;
  const [index, setIndex] = useState(0);
  const frameKey = frame ? `${frame.name}:${frame.step}:${frame.meta.watch}` : '';
  useEffect(() => {
    setIndex(0);
    if (!frame) return;
    const rows = frame.shape[0]!;
    let i = 0;
    const timer = setInterval(() => {
      i++;
      setIndex(i);
      if (i >= rows - 1) clearInterval(timer);
    }, TAU_MS);
    return () => clearInterval(timer);
    // a new frame restarts the replay
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frameKey]);
  // a new watch frame is shown as it comes
  const watchKey = n.watch ? `${n.watch.step}:${n.watch.meta.watch}` : '';
  useEffect(() => {
    if (watchKey) setShowing('watch');
  }, [watchKey]);

  // playing it yourself: ← and → push; with neither held the pushes alternate (no net force)
  const [playing, setPlaying] = useState(false);
  const [mine, setMine] = useState<{ state: [number, number, number, number]; steps: number; done: boolean; push: 0 | 1 | null } | null>(null);
  const keys = useRef({ left: false, right: false, flip: 0 });
  const busy = useRef(false);
  const startPlay = () => {
    const r = () => (Math.random() - 0.5) * 0.1;
    setMine({ state: [r(), r(), r(), r()], steps: 0, done: false, push: null });
    setPlaying(true);
  };
  const tick = useCallback(async () => {
    if (!mine || mine.done || busy.current) return;
    const k = keys.current;
    const action = (k.left && !k.right ? 0 : k.right && !k.left ? 1 : (k.flip ^= 1)) as 0 | 1;
    busy.current = true;
    try {
      const r = (await client.request('rl/cartpole', { state: mine.state, actions: [action] })) as CartpoleRollout;
      const s = r.states[r.states.length - 1]!;
      setMine({ state: s, steps: mine.steps + 1, done: r.terminated || mine.steps + 1 >= 500, push: action });
    } finally {
      busy.current = false;
    }
  }, [client, mine]);
  useEffect(() => {
    if (!playing || !mine || mine.done) return;
    const timer = setTimeout(() => void tick(), TAU_MS);
    return () => clearTimeout(timer);
  }, [playing, mine, tick]);
  useEffect(() => {
    if (!playing) return;
    const down = (e: KeyboardEvent) => {
      if (e.key === 'ArrowLeft') keys.current.left = true;
      else if (e.key === 'ArrowRight') keys.current.right = true;
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    const up = (e: KeyboardEvent) => {
      if (e.key === 'ArrowLeft') keys.current.left = false;
      if (e.key === 'ArrowRight') keys.current.right = false;
    };
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up, true);
    return () => {
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up, true);
    };
  }, [playing]);

  const watchPolicy = () => {
    if (run.live) c.update({ watch: true });
    else setShowing('watch');
    setPlaying(false);
  };
  const shown: CartState | null = playing && mine ? { x: mine.state[0], theta: mine.state[2], step: mine.steps, outputs: null, kind: null, push: mine.push } : frame ? stateAt(frame, index) : null;

  return (
    <div className="rl-body" data-testid="cp-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="rl-settings">
        <ResetToApply live={active} testId="cp-reset-to-apply" />
        <label className="rl-field">
          <span>{t('rl.preset')}</span>
          <select data-testid="cp-preset" value={form.preset} disabled={active} onChange={(e) => (e.target.value === 'custom' ? patch({}) : setForm(cartpolePreset(e.target.value)))}>
            {CP_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`rl.cp.preset.${p}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="rl-field">
          <span>{t('rl.field.algo')}</span>
          <select data-testid="cp-algo" value={form.algo} disabled={active} onChange={(e) => patch({ algo: e.target.value as Learner, lr: e.target.value === 'dqn' ? '0.0005' : '0.01' })}>
            {LEARNERS.map((a) => (
              <option key={a} value={a}>
                {t(`rl.cp.algo.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t(`rl.cp.about.${form.algo}`)}</p>
        <Field id="episodes" value={form.episodes} onChange={(v) => patch({ episodes: v })} error={checked.errors.episodes} disabled={active} />
        <Field id="target" value={form.target} onChange={(v) => patch({ target: v })} error={checked.errors.target} disabled={active} />
        <Field
          id="lr"
          value={form.lr}
          onChange={(v) => {
            patch({ lr: v });
            if (run.live && Number(v) > 0) c.update({ set: { lr: Number(v) } });
          }}
          error={checked.errors.lr}
          disabled={false}
        />
        <Field id="gamma" value={form.gamma} onChange={(v) => patch({ gamma: v })} error={checked.errors.gamma} disabled={active} />
        <Field id="hidden" value={form.hidden} onChange={(v) => patch({ hidden: v })} error={checked.errors.hidden} disabled={active} />
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
      </aside>
      <section className="rl-stage">
        <LabRunBar prefix="cp" lab={cartpoleLab.id} run={run} config={checked.config} speeds={SPEEDS} onLeave={() => setShowing('episode')}>
          <button type="button" data-testid="cp-watch" disabled={!n.episodeFrame} onClick={watchPolicy}>
            {t('rl.cp.watch')}
          </button>
          <button type="button" data-testid="cp-play" onClick={() => (playing ? setPlaying(false) : startPlay())}>
            {t(playing ? 'rl.cp.stopPlaying' : 'rl.cp.play')}
          </button>
        </LabRunBar>
        <PictureTools target='[data-testid="cp-cart"] svg' name="cartpole" prefix="cp" />
        <div className="rl-row">
          <div className="rl-grid-box">
            {shown ? (
              <CartPicture state={shown} label={t('rl.cp.label')} testId="cp-cart" />
            ) : (
              <p className="muted rl-waiting">{t('rl.cp.waiting')}</p>
            )}
            <p className="muted" data-testid="cp-showing" data-showing={playing ? 'play' : frame?.name ?? ''}>
              {playing
                ? mine?.done
                  ? t('rl.cp.playOver', { n: mine.steps })
                  : t('rl.cp.playHelp')
                : frame
                  ? t(frame.name === 'watch' ? 'rl.cp.showWatch' : 'rl.cp.showEpisode', { n: frame.meta.return, episode: frame.meta.episode })
                  : ''}
            </p>
            {playing && mine && (
              <p data-testid="cp-play-steps" data-steps={mine.steps} data-done={mine.done ? 'true' : 'false'}>
                {t('rl.cp.playSteps', { n: mine.steps })}
              </p>
            )}
          </div>
          <div className="rl-side">
            <div className="rl-tiles">
              <div className="rl-tile" data-testid="cp-episode" data-value={String(n.episode)}>
                <span className="rl-tile-label">{t('rl.tile.episode')}</span>
                <span className="rl-tile-value">{n.episode}</span>
              </div>
              <div className="rl-tile" data-testid="cp-return" data-value={String(n.lastReturn)}>
                <span className="rl-tile-label">{t('rl.tile.return')}</span>
                <span className="rl-tile-value">{fmt(n.lastReturn)}</span>
              </div>
              <div className="rl-tile" data-testid="cp-mean" data-value={String(n.mean)}>
                <span className="rl-tile-label">{t('rl.tile.meanReturn', { n: 100 })}</span>
                <span className="rl-tile-value">{fmt(n.mean)}</span>
              </div>
              <div className="rl-tile" data-testid="cp-outcome" data-value={run.outcome?.labStatus ?? ''}>
                <span className="rl-tile-label">{t('rl.cp.target', { n: form.target })}</span>
                <span className="rl-tile-value">{run.outcome?.labStatus === 'solved' ? t('rl.cp.solved') : run.phase === 'ended' ? t('rl.cp.notSolved') : '—'}</span>
              </div>
            </div>
            <p className="muted">{t('rl.cp.about')}</p>
          </div>
        </div>
        <div className="rl-charts">
          <div className="rl-chart">
            <h3>{t('rl.chart.returns')}</h3>
            <LiveChart buffer={live.returns} labels={[t('rl.series.return'), t('rl.series.mean', { n: 100 })]} colors={['#9aa5b1', '#2f6fde']} xLabel={t('rl.axis.episode')} height={180} testId="cp-chart-returns" />
          </div>
        </div>
      </section>
    </div>
  );
}
