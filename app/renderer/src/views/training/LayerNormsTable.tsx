/**
 * Each weighted layer's norms at the last finished epoch, live (#11): ‖W‖ and the epoch's mean ‖∇‖,
 * with bars on a log scale shared by the layers (vanishing or exploding gradients show as one bar far
 * shorter or longer than the others). Polled from the LiveRun a few times a second.
 */
import { usePolled } from '../../controls/usePolled';
import { useI18n } from '../../i18n/i18n';
import type { LayerNorms, LiveRun } from './liveRun';

const versionOf = (l: LiveRun) => l.layersVersion;
const TALL = typeof window === 'undefined' || window.innerHeight >= 860;
const copyOf = (l: LiveRun): LayerNorms[] => l.layers.map((x) => ({ ...x }));

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)))) : '—');

/** Bar widths in [4 %, 100 %] for positive values on a log scale over their range (one value: full). */
function widths(values: number[]): number[] {
  const logs = values.map((v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN));
  const ok = logs.filter(Number.isFinite);
  if (ok.length === 0) return values.map(() => 0);
  const lo = Math.min(...ok) - 0.5,
    hi = Math.max(...ok);
  return logs.map((l) => (Number.isFinite(l) ? Math.max(4, Math.round((100 * (l - lo)) / Math.max(hi - lo, 1e-9))) : 0));
}

export function LayerNormsTable({ live }: { live: LiveRun }) {
  const { t } = useI18n();
  const layers = usePolled(live, versionOf, copyOf, 100);
  if (layers.length === 0) return null;
  const w = widths(layers.map((l) => l.weight));
  const g = widths(layers.map((l) => l.grad));
  const epoch = Math.max(...layers.map((l) => (Number.isFinite(l.epoch) ? l.epoch : -1)));
  return (
    // open where the charts keep room for it; on short windows one click away
    <details className="layer-norms" open={TALL} data-testid="layer-norms">
      <summary>{t('training.layers.title', { epoch: epoch >= 0 ? epoch : '—' })}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('training.layers.layer')}</th>
            <th scope="col">‖W‖</th>
            <th scope="col">{t('training.layers.grad')}</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((l, i) => (
            <tr key={i} data-testid={`layer-norms-${i}`} data-weight={l.weight} data-grad={l.grad}>
              <th scope="row">{t('training.layers.n', { n: i + 1 })}</th>
              <td>
                <span className="bar weight" style={{ width: `${w[i]}%` }} />
                <span className="val">{fmt(l.weight)}</span>
              </td>
              <td>
                <span className="bar grad" style={{ width: `${g[i]}%` }} />
                <span className="val">{fmt(l.grad)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
