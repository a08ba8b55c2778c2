/**
 * "PNG (2×)" and "SVG": the picture of a lab's element as a file — PNG at twice its on-screen size
 * (for slides: every canvas and SVG inside drawn where it stands, snapshot.ts), and SVG: when the
 * element is an SVG (the grid world, the cart-pole, the MCTS board and tree, the computation graph) the
 * SVG itself with its paint inlined, else (feature maps, heat maps) its pixels in an SVG (rasterSvg).
 */
import { useState } from 'react';

import { downloadBlob } from '../charts/download';
import { useI18n } from '../i18n/i18n';
import { drawSnapshot, rasterSvg, snapshotSize, svgText } from './snapshot';
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
  const svg = async () => {
    const el = find();
    if (!el) return;
    const r = el.getBoundingClientRect();
    const text = el instanceof SVGSVGElement ? svgText(el, r.width, r.height) : await rasterSvg(el);
    downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
  };
  return (
    <span className="record" data-testid={testId}>
      <button type="button" onClick={() => void png()} data-testid={`${testId}-png`} title={t('picture.pngTitle')}>
        {t('picture.png')}
      </button>
      {canSvg ? (
        <button type="button" onClick={() => void svg()} data-testid={`${testId}-svg`} title={t('picture.svgTitle')}>
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
