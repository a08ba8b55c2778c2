/** The model builder's table: every layer with its output shape and parameter count, as you type. */
import { useI18n } from '../../i18n/i18n';
import type { LayerShape } from '../../../../../src/native/layers';

export function LayerTable({ shapes, input }: { shapes: LayerShape[]; input: number[] }) {
  const { t } = useI18n();
  const total = shapes.reduce((a, s) => a + s.parameters, 0);
  return (
    <table className="cnn-layers" data-testid="cnn-layers">
      <thead>
        <tr>
          <th>{t('cnn.layers.layer')}</th>
          <th>{t('cnn.layers.output')}</th>
          <th>{t('cnn.layers.params')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{t('cnn.layers.input')}</td>
          <td>{input.join('×')}</td>
          <td />
        </tr>
        {shapes.map((s, i) => (
          <tr key={i}>
            <td translate="no">{s.describe}</td>
            <td>{s.output.join('×')}</td>
            <td>{s.parameters > 0 ? s.parameters.toLocaleString('en-US') : ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>{t('cnn.layers.total')}</td>
          <td data-testid="cnn-param-total">{total.toLocaleString('en-US')}</td>
        </tr>
      </tfoot>
    </table>
  );
}
