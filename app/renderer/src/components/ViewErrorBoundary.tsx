/**
 * Catches an error thrown while a view renders, so one view's bug cannot blank the app: the view's place
 * shows what happened (the message, and the stack in a details line), a button that shows the view
 * again from fresh state, and the navigation, language and theme keep working. Keyed by the view, so
 * switching views clears it.
 */
import { Component, type ReactNode } from 'react';

import { useI18n } from '../i18n/i18n';

interface State {
  error: Error | null;
  attempt: number;
}

class Boundary extends Component<{ children: ReactNode; fallback: (error: Error, retry: () => void) => ReactNode }, State> {
  override state: State = { error: null, attempt: 0 };
  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override componentDidCatch(error: unknown): void {
    console.error('a view failed to render:', error);  // for the developer console and the e2e tests
  }
  override render(): ReactNode {
    if (this.state.error) return this.props.fallback(this.state.error, () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 })));
    return <div key={this.state.attempt} className="view-frame">{this.props.children}</div>;
  }
}

export function ViewErrorBoundary({ children, viewName }: { children: ReactNode; viewName: string }) {
  const { t } = useI18n();
  return (
    <Boundary
      fallback={(error, retry) => (
        <div className="view-failed" role="alert" data-testid="view-failed">
          <h2>{t('view.failed.title', { view: viewName })}</h2>
          <p translate="no">{error.message}</p>
          <p>{t('view.failed.hint')}</p>
          <button type="button" onClick={retry} data-testid="view-failed-retry">
            {t('view.failed.retry')}
          </button>
          {error.stack && (
            <details>
              <summary>{t('view.failed.details')}</summary>
              <pre translate="no">{error.stack}</pre>
            </details>
          )}
        </div>
      )}
    >
      {children}
    </Boundary>
  );
}
