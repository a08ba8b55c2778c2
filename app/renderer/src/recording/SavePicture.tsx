/**
 * "PNG (2×)" and "SVG": the picture of a lab's element as a file — PNG at twice its on-screen size
 * (for slides: every canvas and SVG inside drawn where it stands, snapshot.ts), and, when the element is
 * an SVG (the grid world, the cart-pole, the MCTS board and tree), the SVG itself with its paint inlined.
 */
import { useState } from 'react';

import { downloadBlob } from '../charts/download';
import { useI18n } from '../i18n/i18n';
import { drawSnapshot, snapshotSize, svgText } from './snapshot';
import './recording.css';

export function SavePicture({ target, name, testId, svg: canSvg = false }: { target: string; name: string; testId: string; svg?: boolean }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const find = () => {
    const el = document.querySelector(target);
    setError(el ? null : t('record.nothing'));
    return el;
  };
  const png = async () => {
    const el = find();
    if (!el) return;
    const { width, height } = snapshotSize(el, 2);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    await drawSnapshot(el, canvas.getContext('2d')!, 2);
    canvas.toBlob((b) => b && downloadBlob(b, `${name}.png`), 'image/png');
  };
  const svg = () => {
    const el = find();
    if (!(el instanceof SVGSVGElement)) return;
    const r = el.getBoundingClientRect();
    downloadBlob(new Blob([svgText(el, r.width, r.height)], { type: 'image/svg+xml' }), `${name}.svg`);
  };
  return (
    <span className="record" data-testid={testId}>
      <button type="button" onClick={() => void png()} data-testid={`${testId}-png`} title={t('picture.pngTitle')}>
        {t('picture.png')}
      </button>
      {canSvg ? (
        <button type="button" onClick={svg} data-testid={`${testId}-svg`} title={t('picture.svgTitle')}>
          SVG
        </button>
      ) : null}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
