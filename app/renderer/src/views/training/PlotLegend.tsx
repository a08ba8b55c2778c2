/**
 * The key under the plot: one swatch per class, how training and test points differ (filled dot vs
 * ring), and what the painted background (decision boundary) or the line (fitted curve) means.
 */
import { useI18n } from '../../i18n/i18n';
import { classColor, REGRESSION_POINTS } from './palette';

/** `names`: the classes' own names (a CSV's text labels); otherwise "Class 1", "Class 2", … */
export function PlotLegend({ classes, regression, names }: { classes: number; regression: boolean; names?: readonly string[] }) {
  const { t } = useI18n();
  const sample = regression ? REGRESSION_POINTS : 'var(--muted)';
  return (
    <div className="plot-legend">
      {!regression &&
        Array.from({ length: Math.min(classes, 10) }, (_, k) => (
          <span key={k} className="legend-item">
            <span className="dot" style={{ background: classColor(k) }} /> {names?.[k] !== undefined ? <span translate="no">{names[k]}</span> : t('training.draw.class', { n: k + 1 })}
          </span>
        ))}
      <span className="legend-item">
        <span className="dot" style={{ background: sample }} /> {t('training.legend.train')}
      </span>
      <span className="legend-item">
        <span className="ring" style={{ borderColor: sample }} /> {t('training.legend.test')}
      </span>
      {regression ? (
        <span className="legend-item">
          <span className="line" /> {t('training.legend.fit')}
        </span>
      ) : (
        <span className="legend-item note">{t('training.legend.boundary')}</span>
      )}
    </div>
  );
}
