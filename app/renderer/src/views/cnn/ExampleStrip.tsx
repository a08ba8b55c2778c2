/** A row of gallery images, each with its true and predicted class; clicking one shows its feature maps. */
import { useI18n } from '../../i18n/i18n';
import { galleryImage, type Gallery, type Prediction } from './frames';
import { PlaneCanvas } from './PlaneCanvas';

export function ExampleStrip({ g, preds, items, onPick, testId, empty }: { g: Gallery; preds: Prediction[]; items: number[]; onPick: (i: number) => void; testId: string; empty: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="muted" data-testid={testId}>{empty}</p>;
  return (
    <div className="cnn-examples" data-testid={testId} data-count={items.length}>
      {items.map((i) => {
        const p = preds[i];
        return (
          <button key={i} type="button" className="cnn-example" data-example={i} onClick={() => onPick(i)} title={t('cnn.example.title', { i, label: g.labels[i] ?? '?', pred: p?.predicted ?? '?' })}>
            <PlaneCanvas size={42} plane={{ values: galleryImage(g, i).subarray(0, g.height * g.width), height: g.height, width: g.width }} fixedRange={[0, 1]} label={t('cnn.example.title', { i, label: g.labels[i] ?? '?', pred: p?.predicted ?? '?' })} />
            <span>
              {g.labels[i]}→{p?.predicted ?? '?'}
              {p ? ` ${(p.confidence * 100).toFixed(0)}%` : ''}
            </span>
          </button>
        );
      })}
    </div>
  );
}
