/**
 * The app shell: title, navigation between the labs, language and theme switches, and the connection
 * state. The selected view is kept in the URL hash (#training), so a reload stays where it was.
 */
import { Suspense, useEffect, useState } from 'react';

import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import { ClientProvider, useConnection } from './connection/ClientProvider';
import { I18nProvider, useI18n } from './i18n/i18n';
import { PresenterToggle } from './PresenterToggle';
import { ThemeToggle } from './ThemeToggle';
import { VIEWS, type ViewDef } from './views/registry';

function viewFromHash(): ViewDef['id'] {
  const id = location.hash.slice(1);
  return VIEWS.some((v) => v.id === id) ? (id as ViewDef['id']) : 'playground';
}

function Shell() {
  const { t, lang, setLang } = useI18n();
  const { conn, retry } = useConnection();
  const [view, setView] = useState(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = t('app.window_title');
  }, [t]);
  const current = VIEWS.find((v) => v.id === view)!;
  const Current = current.component;
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          {t('app.title')} <span className="brand-sub">{t('app.subtitle')}</span>
        </h1>
        <nav className="tabs" aria-label={t('nav.label')}>
          {VIEWS.map((v) => (
            <a key={v.id} href={`#${v.id}`} className={v.id === view ? 'tab active' : 'tab'} aria-current={v.id === view ? 'page' : undefined}>
              {t(v.label)}
            </a>
          ))}
        </nav>
        <div className="topbar-tools">
          {/* the other language's name, in that language (hence translate="no" and its own lang) */}
          <button type="button" className="ghost" translate="no" lang={lang === 'en' ? 'zh-CN' : 'en'} aria-label={t('lang.label')} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {t('lang.switch')}
          </button>
          <ThemeToggle />
          <PresenterToggle />
        </div>
      </header>
      <main className="content">
        {conn.state === 'connecting' && <p className="status">{t('conn.connecting')}</p>}
        {conn.state === 'lost' && (
          <div className="status error" role="alert">
            {t('conn.lost', { reason: conn.reason })}{' '}
            <button type="button" onClick={retry}>
              {t('conn.retry')}
            </button>
          </div>
        )}
        {conn.state === 'ready' && (
          <ViewErrorBoundary key={view} viewName={t(current.label)}>
            <Suspense fallback={null}>
              <Current />
            </Suspense>
          </ViewErrorBoundary>
        )}
      </main>
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ClientProvider>
        <Shell />
      </ClientProvider>
    </I18nProvider>
  );
}
