/**
 * A canvas to draw a digit on (white on black, as the MNIST digits are): when a stroke ends, the
 * drawing is prepared as MNIST digits were (preprocess.ts) and handed to `onDigit` as 28×28 values in
 * [0, 1]; the prepared picture is shown beside it.
 */
import { useRef, useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import { PlaneCanvas } from './PlaneCanvas';
import { DIGIT_SIDE, prepareDigit } from './preprocess';

const SIDE = 196;

export function DrawDigit({ onDigit, onClear, disabled }: { onDigit: (pixels: Float32Array) => void; onClear: () => void; disabled: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [prepared, setPrepared] = useState<Float32Array | null>(null);

  const ctx = () => {
    const c = ref.current?.getContext('2d', { willReadFrequently: true });
    if (c) {
      c.lineCap = 'round';
      c.lineJoin = 'round';
      c.lineWidth = 14;
      c.strokeStyle = '#fff';
    }
    return c;
  };
  const at = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) * SIDE) / r.width, ((e.clientY - r.top) * SIDE) / r.height];
  };
  const finish = () => {
    if (!drawing.current) return;
    drawing.current = false;
    const c = ctx();
    if (!c) return;
    const img = c.getImageData(0, 0, SIDE, SIDE);
    const ink = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < ink.length; i++) ink[i] = img.data[i * 4]! / 255;
    const digit = prepareDigit(ink, SIDE, SIDE);
    setPrepared(digit);
    if (digit) onDigit(digit);
  };
  const clear = () => {
    const c = ctx();
    if (c) {
      c.fillStyle = '#000';
      c.fillRect(0, 0, SIDE, SIDE);
    }
    setPrepared(null);
    onClear();
  };

  return (
    <div className="cnn-draw">
      <canvas
        ref={(el) => {
          ref.current = el;
          const c = el?.getContext('2d');
          if (c && !el?.dataset.ready) {
            c.fillStyle = '#000';
            c.fillRect(0, 0, SIDE, SIDE);
            el!.dataset.ready = '1';
          }
        }}
        width={SIDE}
        height={SIDE}
        data-testid="cnn-draw"
        aria-label={t('cnn.draw.label')}
        className={disabled ? 'disabled' : ''}
        onPointerDown={(e) => {
          if (disabled) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const c = ctx();
          const [x, y] = at(e);
          c?.beginPath();
          c?.moveTo(x, y);
          c?.lineTo(x + 0.01, y);
          c?.stroke();
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const c = ctx();
          const [x, y] = at(e);
          c?.lineTo(x, y);
          c?.stroke();
        }}
        onPointerUp={finish}
        onPointerLeave={finish}
      />
      <div className="cnn-draw-side">
        {prepared ? (
          <PlaneCanvas size={56} plane={{ values: prepared, height: DIGIT_SIDE, width: DIGIT_SIDE }} fixedRange={[0, 1]} label={t('cnn.draw.prepared')} />
        ) : (
          <p className="muted">{disabled ? t('cnn.draw.needs_run') : t('cnn.draw.hint')}</p>
        )}
        <button type="button" onClick={clear}>
          {t('cnn.draw.clear')}
        </button>
      </div>
    </div>
  );
}
