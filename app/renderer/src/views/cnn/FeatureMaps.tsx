/**
 * One input through the network: the picture, then every layer's output (feature maps as pictures,
 * flat features as a strip), and the class probabilities at the end.
 */
import { useI18n } from '../../i18n/i18n';
import { plane, type Features } from './frames';
import { PlaneCanvas } from './PlaneCanvas';

const MAX_MAPS = 16;

export function Probabilities({ probs, testId }: { probs: number[]; testId: string }) {
  const { t } = useI18n();
  const best = probs.indexOf(Math.max(...probs));
  return (
    <ol className="cnn-probs" data-testid={testId} data-predicted={best} aria-label={t('cnn.probs')}>
      {probs.map((p, k) => (
        <li key={k} className={k === best ? 'best' : ''} data-class={k} data-p={p}>
          <span className="cnn-prob-class">{k}</span>
          <span className="cnn-prob-bar" style={{ width: `${Math.round(p * 100)}%` }} />
          <span className="cnn-prob-value">{(p * 100).toFixed(1)}%</span>
        </li>
      ))}
    </ol>
  );
}

export function FeatureMaps({ f }: { f: Features }) {
  const { t } = useI18n();
  return (
    <div className="cnn-features" data-testid="cnn-features" data-source={f.source} data-example={f.example ?? ''}>
      {f.layers.map((l) => {
        const maps = l.shape.length === 3 ? l.shape[0]! : 0;
        return (
          <figure key={l.index} className="cnn-feature-layer">
            <figcaption translate="no">{l.index < 0 ? t('cnn.layers.input') : `${l.index}: ${l.describe}`}</figcaption>
            <div className="cnn-maps">
              {maps > 0
                ? Array.from({ length: Math.min(maps, MAX_MAPS) }, (_, c) => <PlaneCanvas key={c} size={l.shape[2]! >= 20 ? 56 : 40} plane={plane(l.values, l.shape, c)} label={t('cnn.features.map', { c })} />)
                : <PlaneCanvas size={Math.min(240, 4 * l.values.length)} plane={{ values: l.values, height: 1, width: l.values.length }} label={t('cnn.features.flat', { n: l.values.length })} />}
            </div>
            {maps > MAX_MAPS && <p className="muted">{t('cnn.filters.more', { n: maps - MAX_MAPS })}</p>}
          </figure>
        );
      })}
      <Probabilities probs={f.probs} testId="cnn-feature-probs" />
    </div>
  );
}
