import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isTypingTarget } from '../lib/keyboard.js';
import { BrandMark } from '../session/BrandMark.js';
import { BranchesPage } from './BranchesPage.js';
import { ConsoleConflictsPage } from './ConsoleConflictsPage.js';
import { ConsoleLanguageSwitch } from './ConsoleLanguageSwitch.js';
import { ConsoleSignIn } from './ConsoleSignIn.js';
import { useConsoleSession } from './consoleSession.js';
import { CONSOLE_SCREENS, useConsoleRoute, type ConsoleScreen } from './consoleRoutes.js';
import { DuplicatesPage } from './DuplicatesPage.js';
import { HealthPage } from './HealthPage.js';
import { REFRESH_MS, useOverview } from './overviewStore.js';

// The report screen brings the chart library: loaded when first opened, so signing in stays light.
const ReportsPage = lazy(() => import('./ReportsPage.js').then((m) => ({ default: m.ReportsPage })));

/** The head-office console: sign in with the admin key, then five screens. */
export function ConsoleApp() {
  const adminName = useConsoleSession((s) => s.adminName);
  return adminName ? <ConsoleShell adminName={adminName} /> : <ConsoleSignIn />;
}

function ConsoleShell({ adminName }: { adminName: string }) {
  const { t } = useTranslation();
  const screen = useConsoleRoute();
  const overview = useOverview((s) => s.overview);
  const signOut = useConsoleSession((s) => s.signOut);

  // The counts in the menu and the health screen stay current while the console is open.
  useEffect(() => {
    void useOverview.getState().refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void useOverview.getState().refresh();
    }, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      useOverview.getState().clear();
    };
  }, []);

  // Keyboard: 1-5 open the screens in menu order, R asks the head office again.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const index = ['1', '2', '3', '4', '5'].indexOf(event.key);
      if (index >= 0) {
        event.preventDefault();
        window.location.hash = `#/${CONSOLE_SCREENS[index]}`;
      } else if (event.key.toLowerCase() === 'r') {
        event.preventDefault();
        void useOverview.getState().refresh();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.title = `${t(`console.nav.${screen}`)} · ${t('console.title')} · Simpul`;
  }, [screen, t]);

  const stale = overview?.branches.filter((b) => b.status === 'active' && isStale(b.lastPullAt, overview.serverTime, overview.staleAfterSeconds)).length ?? 0;
  const counts: Partial<Record<ConsoleScreen, { count: number; label: string }>> = {
    health: { count: stale, label: t('console.nav.staleCount', { count: stale }) },
    conflicts: { count: overview?.openConflicts ?? 0, label: t('console.nav.conflictCount', { count: overview?.openConflicts ?? 0 }) },
    duplicates: { count: overview?.openDuplicates ?? 0, label: t('console.nav.duplicateCount', { count: overview?.openDuplicates ?? 0 }) },
  };

  return (
    <div className="shell console">
      <header className="shell__header">
        <BrandMark compact />
        <div className="shell__branch">
          <span className="shell__branch-name">{t('console.title')}</span>
        </div>
        <div className="shell__spacer" />
        <div className="shell__user">
          <span className="shell__user-name" data-testid="console-admin-name">{adminName}</span>
          <span className="shell__user-role">{t('role.ho_admin')}</span>
        </div>
        <ConsoleLanguageSwitch />
        <button type="button" className="button button--small" onClick={signOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <nav className="shell__nav" aria-label={t('shell.navigation')}>
        {CONSOLE_SCREENS.map((name) => {
          const count = counts[name];
          return (
            <a key={name} className={`nav-item ${screen === name ? 'nav-item--active' : ''}`} href={`#/${name}`} aria-current={screen === name ? 'page' : undefined}>
              <ConsoleIcon kind={name} />
              {t(`console.nav.${name}`)}
              {count && count.count > 0 && (
                <span className={`nav-item__count ${name === 'health' ? 'nav-item__count--warning' : ''}`} aria-label={count.label} title={count.label}>
                  {count.count}
                </span>
              )}
            </a>
          );
        })}
        <div className="console__nav-note muted">
          <p>{t('console.nav.note')}</p>
          <p>{t('console.nav.keys')}</p>
        </div>
      </nav>
      <main className="shell__main" id="main">
        <Screen screen={screen} adminName={adminName} />
      </main>
    </div>
  );
}

function Screen({ screen, adminName }: { screen: ConsoleScreen; adminName: string }) {
  switch (screen) {
    case 'conflicts':
      return <ConsoleConflictsPage adminName={adminName} />;
    case 'duplicates':
      return <DuplicatesPage adminName={adminName} />;
    case 'branches':
      return <BranchesPage />;
    case 'reports':
      return (
        <Suspense fallback={<ScreenLoading />}>
          <ReportsPage />
        </Suspense>
      );
    default:
      return <HealthPage />;
  }
}

function ScreenLoading() {
  const { t } = useTranslation();
  return <p className="muted console-page">{t('common.loading')}</p>;
}

/** Not pulled for longer than the head office's threshold (or never, once enrolled). */
export function isStale(lastPullAt: string | null, serverTime: string, staleAfterSeconds: number): boolean {
  if (!lastPullAt) return false;
  return (Date.parse(serverTime) - Date.parse(lastPullAt)) / 1000 > staleAfterSeconds;
}

function ConsoleIcon({ kind }: { kind: ConsoleScreen }) {
  const paths: Record<ConsoleScreen, string> = {
    health: 'M2.5 10.5h3.2l2-5 3.6 9 2-4h4.2',
    conflicts: 'M4 5h7M4 5l2.5-2.5M4 5l2.5 2.5M16 15H9M16 15l-2.5-2.5M16 15l-2.5 2.5M15 4.5 5 15.5',
    duplicates: 'M7 3.5h8.5v10H7zM4.5 6.5v10H13',
    branches: 'M3 17V7.5L10 3l7 4.5V17M7.5 17v-5h5v5M3 17h14',
    reports: 'M3.5 16.5h13M5.5 16.5v-5M9 16.5V6M12.5 16.5v-7M16 16.5V3.5',
  };
  return (
    <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d={paths[kind]} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
