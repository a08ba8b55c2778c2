/**
 * The cart-pole drawn: the track (±2.4 m), the cart at x and the pole at angle θ (0 upright; the episode
 * ends past 12°), with the net's two outputs at that state as bars — π(left) and π(right), or
 * Q(s, left) and Q(s, right) — and the step and the push being made.
 */
import { useI18n } from '../../i18n/i18n';

export interface CartState {
  x: number;
  theta: number;
  step: number;
  outputs: [number, number] | null;
  kind: 'probabilities' | 'q' | null;
  push: 0 | 1 | null;
}

const W = 600;
const H = 230;
const SCALE = W / 5.6; // 5.6 m across: the ±2.4 m track and a margin
const GROUND = 170;

export function CartPicture({ state, label, testId }: { state: CartState; label: string; testId: string }) {
  const { t } = useI18n();
  const cx = W / 2 + state.x * SCALE;
  const pole = 1.0 * SCALE; // the pole is 1 m long (half-length 0.5 m)
  const tipX = cx + Math.sin(state.theta) * pole;
  const tipY = GROUND - 30 - Math.cos(state.theta) * pole;
  const fallen = Math.abs(state.theta) > (12 * Math.PI) / 180 || Math.abs(state.x) > 2.4;
  const o = state.outputs;
  const share = o && state.kind === 'probabilities' ? o[1] : null;
  return (
    <div className="rl-cart" data-testid={testId} data-step={state.step} data-x={state.x.toFixed(4)} data-theta={state.theta.toFixed(4)}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <line x1={W / 2 - 2.4 * SCALE} y1={GROUND} x2={W / 2 + 2.4 * SCALE} y2={GROUND} className="rl-track" />
        {[-2.4, 2.4].map((e) => (
          <line key={e} x1={W / 2 + e * SCALE} y1={GROUND - 12} x2={W / 2 + e * SCALE} y2={GROUND + 12} className="rl-track-end" />
        ))}
        <rect x={cx - 30} y={GROUND - 40} width={60} height={30} rx={4} className="rl-cart-body" />
        <line x1={cx} y1={GROUND - 30} x2={tipX} y2={tipY} className={fallen ? 'rl-pole fallen' : 'rl-pole'} />
        <circle cx={cx} cy={GROUND - 30} r={4} className="rl-pivot" />
        {state.push !== null && (
          <polygon
            points={state.push === 1 ? `${cx - 34},${GROUND - 25} ${cx - 46},${GROUND - 32} ${cx - 46},${GROUND - 18}` : `${cx + 34},${GROUND - 25} ${cx + 46},${GROUND - 32} ${cx + 46},${GROUND - 18}`}
            className="rl-push"
          />
        )}
        <text x={8} y={20} className="rl-cart-text">
          {t('rl.cp.stepN', { n: state.step })}
        </text>
      </svg>
      {o && (
        <div className="rl-outputs" data-testid={`${testId}-outputs`}>
          {state.kind === 'probabilities' ? (
            <div className="rl-prob">
              <span>{t('rl.cp.left')} {(100 * o[0]).toFixed(0)}%</span>
              <div className="rl-prob-bar">
                <div style={{ width: `${(100 * (1 - (share ?? 0))).toFixed(1)}%` }} />
              </div>
              <span>{t('rl.cp.right')} {(100 * o[1]).toFixed(0)}%</span>
            </div>
          ) : (
            <p className="rl-q-values">
              <span>Q({t('rl.cp.left')}) = {o[0].toFixed(2)}</span> <span>Q({t('rl.cp.right')}) = {o[1].toFixed(2)}</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
