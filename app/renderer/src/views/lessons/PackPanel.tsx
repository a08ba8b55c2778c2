/**
 * The class pack opened on this machine (presets/classPack.ts), above the lesson list: its title, its
 * lessons in the class's order (each opens the lesson) and its presets (each opens its lab on it), and
 * a way to close it.
 */
import { useEffect, useState } from 'react';

import { useI18n } from '../../i18n/i18n';
import { activePack, closePack, openPackPreset } from '../../presets/classPack';
import { LESSONS } from './lessonData';

export function PackPanel({ onLesson }: { onLesson: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [pack, setPack] = useState(activePack);
  useEffect(() => {
    const on = () => setPack(activePack());
    window.addEventListener('gradlab-pack', on);
    return () => window.removeEventListener('gradlab-pack', on);
  }, []);
  if (!pack) return <p className="muted lesson-pack-hint">{t('lessons.pack.hint')}</p>;
  const title = (id: string) => {
    const pair = LESSONS.lessons.find((p) => p.en.id === id);
    return pair ? (lang === 'en' ? pair.en.title : pair.zh.title) : id;
  };
  return (
    <section className="lesson-pack" data-testid="lesson-pack" data-title={pack.title}>
      <h3>{t('lessons.pack.titled', { title: pack.title })}</h3>
      {pack.lessons.length > 0 && (
        <ol className="lesson-pack-lessons">
          {pack.lessons.map((id) => (
            <li key={id}>
              <button type="button" className="ghost" onClick={() => onLesson(id)} data-testid={`pack-lesson-${id}`}>
                {title(id)}
              </button>
            </li>
          ))}
        </ol>
      )}
      {pack.presets.length > 0 && (
        <ul className="lesson-pack-presets">
          {pack.presets.map((p) => (
            <li key={p.file}>
              <button
                type="button"
                onClick={() => {
                  location.hash = `#${openPackPreset(p)}`;
                }}
                data-testid={`pack-preset-${p.file}`}
              >
                {t('lessons.pack.open')}
              </button>{' '}
              <span translate="no">{p.preset.names?.[lang === 'en' ? 'en' : 'zh'] ?? p.file.replace(/^presets\//, '')}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="ghost" onClick={closePack} data-testid="pack-close">
        {t('lessons.pack.close')}
      </button>
    </section>
  );
}
