/**
 * The test set's confusion matrix, rows = true class, columns = predicted, each cell shaded by its share
 * of the row; clicking a cell selects it (the view then shows its examples).
 */
import { useI18n } from '../../i18n/i18n';

export function ConfusionMatrix({ matrix, epoch, selected, onSelect }: { matrix: number[][]; epoch: number; selected: [number, number] | null; onSelect: (cell: [number, number]) => void }) {
  const { t } = useI18n();
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  return (
    <table className="cnn-confusion" data-testid="cnn-confusion" data-total={total} data-epoch={epoch}>
      <caption>{t('cnn.confusion.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cnn.confusion.corner')}</th>
          {matrix.map((_, p) => (
            <th key={p} scope="col">
              {p}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, tr) => {
          const rowSum = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={tr}>
              <th scope="row">{tr}</th>
              {row.map((v, p) => {
                const share = v / rowSum;
                const isSel = selected !== null && selected[0] === tr && selected[1] === p;
                return (
                  <td key={p} className={`${tr === p ? 'diag' : 'off'}${isSel ? ' selected' : ''}`} style={{ ['--share' as string]: share.toFixed(3) }}>
                    <button type="button" data-cell={`${tr},${p}`} aria-label={t('cnn.confusion.cell', { t: tr, p, n: v })} onClick={() => onSelect([tr, p])}>
                      {v}
                    </button>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
