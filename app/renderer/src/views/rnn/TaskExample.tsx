/**
 * One held-out sequence of a task with the net's current outputs: the inputs, the targets where an
 * output is scored, and the net's outputs, a wrong one marked — copy and reverse show the symbols come
 * back, parity the running XOR, adding the sum at the last step, the sine the next value.
 */
import { useI18n } from '../../i18n/i18n';
import type { SeqFrame } from './rnnLive';

const show = (v: number | null | undefined, real: boolean) => (v === null || v === undefined || !Number.isFinite(v) ? '' : real ? v.toFixed(2) : String(v));

export function TaskExample({ frame }: { frame: SeqFrame }) {
  const { t } = useI18n();
  const m = frame.meta as { task: string; inputs: (number | null)[]; targets: (number | null)[]; outputs: (number | null)[] };
  const real = m.task === 'adding' || m.task === 'sine';
  const wrong = (i: number) => {
    const want = m.targets[i];
    const got = m.outputs[i];
    if (want === null || want === undefined || got === null || got === undefined) return false;
    return real ? Math.abs(want - got) >= 0.04 : want !== got;
  };
  const right = m.targets.filter((v, i) => v !== null && !wrong(i)).length;
  const scored = m.targets.filter((v) => v !== null).length;
  return (
    <div className="rnn-example" data-testid="rnn-example" data-right={right} data-scored={scored}>
      <table>
        <tbody>
          {(['inputs', 'targets', 'outputs'] as const).map((row) => (
            <tr key={row}>
              <th>{t(`rnn.example.${row}`)}</th>
              {m[row].map((v, i) => (
                <td key={i} className={row === 'outputs' && wrong(i) ? 'wrong' : undefined}>
                  {show(v, real)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('rnn.example.right', { right, scored })}</p>
    </div>
  );
}
