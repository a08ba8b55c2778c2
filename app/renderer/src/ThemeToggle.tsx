/** Light / dark theme: follows the system until chosen, then remembered; set as <html data-theme>. */
import { useEffect, useState } from 'react';

import { useI18n } from './i18n/i18n';

type Theme = 'light' | 'dark';
const KEY = 'gradlab.theme';

function initial(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function ThemeToggle() {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>(initial);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="ghost"
      aria-label={t('theme.label')}
      onClick={() => {
        localStorage.setItem(KEY, next);
        setTheme(next);
      }}
    >
      {t(next === 'dark' ? 'theme.dark' : 'theme.light')}
    </button>
  );
}
