/** Every conv layer's filters: one small picture per (output, input) channel pair, blue < 0 < red. */
import { useI18n } from '../../i18n/i18n';
import type { FilterLayer } from './frames';
import { PlaneCanvas } from './PlaneCanvas';

const MAX_INPUTS = 8; // input channels drawn per filter; the rest are summed up in a note

export function FilterGrid({ layers }: { layers: FilterLayer[] }) {
  const { t } = useI18n();
  if (layers.length === 0) return <p className="muted">{t('cnn.filters.none')}</p>;
  return (
    <div className="cnn-filters" data-testid="cnn-filters">
      {layers.map((l) => {
        const [o = 0, c = 0, k = 1] = l.shape;
        return (
          <figure key={l.name} className="cnn-filter-layer">
            <figcaption>{t('cnn.filters.layer', { layer: l.index, o, c, k })}</figcaption>
            <div className="cnn-filter-rows">
              {Array.from({ length: o }, (_, oi) => (
                <div key={oi} className="cnn-filter-row">
                  {Array.from({ length: Math.min(c, MAX_INPUTS) }, (_, ci) => (
                    <PlaneCanvas key={ci} signed size={k <= 3 ? 18 : 24} plane={{ values: l.weights.subarray((oi * c + ci) * k * k, (oi * c + ci + 1) * k * k), height: k, width: k }} label={t('cnn.filters.one', { o: oi, c: ci })} />
                  ))}
                </div>
              ))}
            </div>
            {c > MAX_INPUTS && <p className="muted">{t('cnn.filters.more', { n: c - MAX_INPUTS })}</p>}
          </figure>
        );
      })}
    </div>
  );
}
