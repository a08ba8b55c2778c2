/**
 * The app shell: title, navigation between the labs, language and theme switches, and the connection
 * state. The selected view is kept in the URL hash (#training), so a reload stays where it was.
 */
import { Suspense, useEffect, useState } from 'react';

import { ViewErrorBoundary } from './components/ViewErrorBoundary';
import { ClientProvider, useConnection } from './connection/ClientProvider';
import { OPEN_VIEW_EVENT } from './controls/pendingAttach';
import { I18nProvider, useI18n } from './i18n/i18n';
import { PresenterToggle } from './PresenterToggle';
import { ThemeToggle } from './ThemeToggle';
import { VIEWS, type ViewDef } from './views/registry';

/** The hash grammar (docs/presets.md): #<view>[?preset=<base64url of a preset file>]; the experiments
 * view reads its own #experiments?run=<id> (a run's page) and #experiments?sweep=<id> (a sweep's runs). */
function parseHash(): { view: ViewDef['id']; preset: string | null } {
  const [id = '', query = ''] = location.hash.slice(1).split('?');
  const view = VIEWS.some((v) => v.id === id) ? (id as ViewDef['id']) : 'playground';
  return { view, preset: new URLSearchParams(query).get('preset') };
}

const viewFromHash = () => parseHash().view;

function Shell() {
  const { t, lang, setLang } = useI18n();
  const { conn, retry } = useConnection();
  const [view, setView] = useState(viewFromHash);
  // a preset opened (link or dropped file) remounts its view, which takes it as its settings
  const [mount, setMount] = useState(0);
  const [presetError, setPresetError] = useState<string | null>(null);
  useEffect(() => {
    // the preset code checks presets with the labs' schemas: loaded on demand, never at start (main.tsx)
    const open = async (text: () => Promise<string | null>, fallback: ViewDef['id']) => {
      const [{ openPresetText }, { PresetError }] = await Promise.all([import('./presets/presetFiles'), import('../../../src/presets/preset-file')]);
      try {
        const t = await text();
        if (t === null) throw new PresetError('preset: the link\'s preset is not valid base64url');
        const to = openPresetText(t) as ViewDef['id'];
        history.replaceState(null, '', `#${to}`);
        setView(to);
        setMount((m) => m + 1);
        setPresetError(null);
      } catch (e) {
        if (!(e instanceof PresetError)) throw e;
        history.replaceState(null, '', `#${fallback}`);
        setView(fallback);
        setPresetError(e.message);
      }
    };
    const onHash = () => {
      const { view: v, preset } = parseHash();
      if (preset !== null) void open(async () => (await import('../../../src/presets/preset-file')).fromBase64Url(preset), v);
      else setView(v);
    };
    // a lab's active run opened in its view (controls/ActiveRuns): the view afresh, on the run's settings
    const onOpenView = (e: Event) => {
      const to = (e as CustomEvent<string>).detail as ViewDef['id'];
      if (!VIEWS.some((v) => v.id === to)) return;
      history.replaceState(null, '', `#${to}`);
      setView(to);
      setMount((m) => m + 1);
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const openPack = async (file: File) => {
      const [{ openClassPack }, { PresetError }] = await Promise.all([import('./presets/classPack'), import('../../../src/presets/preset-file')]);
      try {
        openClassPack(new Uint8Array(await file.arrayBuffer()));
        history.replaceState(null, '', '#lessons');
        setView('lessons');
        setMount((m) => m + 1);
        setPresetError(null);
      } catch (e) {
        if (!(e instanceof PresetError)) throw e;
        setPresetError(e.message);
      }
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (e.defaultPrevented || !file) return;  // a view's own drop
      if (/\.zip$/i.test(file.name)) {
        e.preventDefault();
        void openPack(file);
      } else if (/\.json$/i.test(file.name)) {
        e.preventDefault();
        void open(() => file.text(), viewFromHash());
      }
    };
    // the desktop app's File › Open a Preset or Class Pack… (the browser mode has drag and drop and links)
    (window as { gradlab?: { onOpenFile?: (l: (name: string, data: Uint8Array) => void) => void } }).gradlab?.onOpenFile?.((name, data) => {
      if (/\.zip$/i.test(name)) void openPack(new File([data.slice().buffer as ArrayBuffer], name));
      else void open(async () => new TextDecoder().decode(data), viewFromHash());
    });
    onHash();
    window.addEventListener('hashchange', onHash);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener(OPEN_VIEW_EVENT, onOpenView);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener(OPEN_VIEW_EVENT, onOpenView);
    };
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
        {presetError && (
          <div className="status error" role="alert" data-testid="preset-error">
            {t('preset.refused')} <span translate="no">{presetError}</span>{' '}
            <button type="button" onClick={() => setPresetError(null)}>
              {t('preset.dismiss')}
            </button>
          </div>
        )}
        {conn.state === 'ready' && (
          <ViewErrorBoundary key={`${view}-${mount}`} viewName={t(current.label)}>
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
