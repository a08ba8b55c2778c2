/**
 * Workshop presenter layout: for a projector at the back of a room. On: the app goes fullscreen (where
 * the browser or Electron allows), everything is scaled 1.2–2× with the screen's width (CSS zoom, so
 * canvases and charts scale with the text), colours go to high contrast, and controls marked
 * `.advanced` are hidden. Remembered on the machine; Esc leaves fullscreen, the button leaves the layout.
 */
import { useEffect, useState } from 'react';

import { useI18n } from './i18n/i18n';

const KEY = 'gradlab.presenter';

/** The scale for a window this wide: 1.5 at 1280 px, between 1.2 (1024 px projectors) and 2 (4K). */
export function presenterZoom(width: number): number {
  return Math.min(2, Math.max(1.2, (1.5 * width) / 1280));
}

export function PresenterToggle() {
  const { t } = useI18n();
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === 'on');
  useEffect(() => {
    const app = document.querySelector<HTMLElement>('.app');
    if (!app) return;
    const apply = () => {
      app.classList.toggle('presenter', on);
      app.style.setProperty('zoom', on ? String(presenterZoom(window.innerWidth)) : '');
    };
    apply();
    window.addEventListener('resize', apply);
    return () => window.removeEventListener('resize', apply);
  }, [on]);
  const toggle = () => {
    const next = !on;
    localStorage.setItem(KEY, next ? 'on' : 'off');
    setOn(next);
    if (next && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
    if (!next && document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
  };
  return (
    <button type="button" className={on ? 'ghost on' : 'ghost'} aria-pressed={on} onClick={toggle} data-testid="presenter-toggle">
      {t('presenter.label')}
    </button>
  );
}
