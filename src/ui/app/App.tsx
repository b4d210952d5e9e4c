import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setSessionLostHandler } from './api.js';
import { useRoute } from './router.js';
import { AppShell } from './AppShell.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { AuthLayout } from '../session/AuthLayout.js';
import { SetupScreen } from '../session/SetupScreen.js';
import { SignInScreen } from '../session/SignInScreen.js';
import { useSession } from '../session/sessionStore.js';
import { errorText } from '../lib/errorText.js';
import { currentLocale } from '../i18n/index.js';

// The reporting window (charts, exports) loads only when that window opens: the front office stays small.
const ReportsWindow = lazy(() => import('../reports/ReportsWindow.js').then((m) => ({ default: m.ReportsWindow })));

/** setup.status -> first-time setup -> sign in -> the front-office window (or the reports window). */
export function App() {
  const phase = useSession((s) => s.phase);
  const route = useRoute();

  useEffect(() => {
    setSessionLostHandler(() => useSession.getState().sessionEnded());
    void useSession.getState().start();
  }, []);

  switch (phase) {
    case 'starting':
      return <Starting />;
    case 'noSecret':
    case 'unreachable':
      return <StartProblem />;
    case 'setup':
      return <SetupScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'ready':
      return route.name === 'reports' ? (
        <Suspense fallback={<Starting />}>
          <ReportsWindow />
        </Suspense>
      ) : (
        <AppShell route={route} />
      );
  }
}

function Starting() {
  const { t } = useTranslation();
  return (
    <div className="centre-message" aria-busy="true">
      <span className="muted">
        <span className="spinner" /> {t('common.loading')}
      </span>
    </div>
  );
}

/** Opened without the host's secret, or the host is not answering. */
function StartProblem() {
  const { t } = useTranslation();
  const { phase, startError, start } = useSession();
  return (
    <AuthLayout title={t('start.problemTitle')}>
      <div className="start-problem">
        {phase === 'noSecret' ? (
          <Banner tone="error" title={errorText({ code: 'BAD_SECRET', message: '' }, currentLocale())} />
        ) : (
          startError && <ErrorBanner error={startError} />
        )}
        <p className="muted">{phase === 'noSecret' ? t('start.noSecretHelp') : t('start.unreachableHelp')}</p>
        {phase === 'unreachable' && (
          <div>
            <button type="button" className="button button--primary" onClick={() => void start()}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </div>
    </AuthLayout>
  );
}
