/**
 * The language of the UI: a context with the current language, a setter (switches live, remembered in
 * localStorage) and t(key, vars). The first language is the saved one, else the system's (Chinese if
 * it starts with "zh"), else English.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { STRINGS, type Lang, type StringKey } from './strings';

const STORAGE_KEY = 'gradlab.lang';

export function initialLang(saved: string | null, system: string): Lang {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return system.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function translate(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: StringKey, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang(localStorage.getItem(STORAGE_KEY), navigator.language));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    // the desktop app's menu follows the UI language (app/preload/lab-api.ts)
    (window as { gradlab?: { setUiLanguage?: (l: Lang) => void } }).gradlab?.setUiLanguage?.(lang);
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
