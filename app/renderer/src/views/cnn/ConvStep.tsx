/**
 * One output of the first convolution worked out with the real numbers (as CNN Explainer shows it):
 * the window of the input under the kernel at the chosen place, the kernel, their products summed,
 * plus the bias — equal to that feature map's value, which is shown beside it from the engine.
 */
import { useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import { convAt, type Features, type FilterLayer } from './frames';

const fmt = (v: number) => (Math.abs(v) < 0.0005 ? '0' : v.toFixed(3));

/** A k×k block of numbers (the first input channel's window, or the kernel's). */
function NumGrid({ rows, caption, kernel = false }: { rows: number[][]; caption: string; kernel?: boolean }) {
  return (
    <table className={`cnn-num-grid${kernel ? ' kernel' : ''}`} aria-label={caption}>
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((v, j) => (
              <td key={j}>{fmt(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConvStep({ f, filt, stride, pad }: { f: Features; filt: FilterLayer; stride: number; pad: number }) {
  const { t } = useI18n();
  const input = f.layers.find((l) => l.index === -1);
  const conv = f.layers.find((l) => l.index === filt.index);
  const [o, setO] = useState(0);
  const [pos, setPos] = useState<[number, number]>([10, 10]);
  if (!input || !conv) return null;
  const [outC = 1, outH = 1, outW = 1] = conv.shape;
  const oc = Math.min(o, outC - 1);
  const y = Math.min(pos[0], outH - 1);
  const x = Math.min(pos[1], outW - 1);
  const r = convAt(input.values, input.shape, filt, oc, y, x, stride, pad);
  const engine = conv.values[oc * outH * outW + y * outW + x]!;
  const k = filt.shape[2] ?? 1;
  return (
    <div className="cnn-convstep" data-testid="cnn-convstep" data-sum={r.sum} data-engine={engine}>
      <div className="cnn-convstep-controls">
        <label>
          {t('cnn.conv.channel')}{' '}
          <input type="number" min={0} max={outC - 1} value={oc} onChange={(e) => setO(Math.max(0, Math.min(outC - 1, Number(e.target.value) || 0)))} />
        </label>
        <label>
          {t('cnn.conv.row')} <input type="number" min={0} max={outH - 1} value={y} onChange={(e) => setPos([Math.max(0, Math.min(outH - 1, Number(e.target.value) || 0)), x])} />
        </label>
        <label>
          {t('cnn.conv.col')} <input type="number" min={0} max={outW - 1} value={x} onChange={(e) => setPos([y, Math.max(0, Math.min(outW - 1, Number(e.target.value) || 0))])} />
        </label>
      </div>
      <div className="cnn-convstep-grids">
        <NumGrid rows={r.window[0] ?? []} caption={t('cnn.conv.window')} />
        <span className="cnn-op">⊙</span>
        <NumGrid rows={r.kernel[0] ?? []} caption={t('cnn.conv.kernel')} kernel />
      </div>
      <p className="cnn-convstep-sum">
        {t('cnn.conv.sum', { k, n: r.window.length * k * k })} + {t('cnn.conv.bias')} {fmt(r.bias)} = <strong>{r.sum.toFixed(4)}</strong> · {t('cnn.conv.engine')}{' '}
        <strong>{engine.toFixed(4)}</strong>
      </p>
    </div>
  );
}
