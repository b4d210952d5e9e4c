import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { transport } from './api.js';
import { navigate, type Route } from './router.js';
import { CustomersPage } from '../customers/CustomersPage.js';
import { CustomerForm } from '../customers/CustomerForm.js';
import { CustomerProfile } from '../customers/CustomerProfile.js';
import { FrontOfficeNav } from '../imports/FrontOfficeNav.js';
import { CasesNav } from '../cases/CasesNav.js';
import { AgendaNav } from '../agenda/AgendaNav.js';
import { AgendaPage } from '../agenda/AgendaPage.js';
import { ReminderRulesPage } from '../agenda/ReminderRulesPage.js';
import { CasesPage } from '../cases/CasesPage.js';
import { CaseDetailPage } from '../cases/CaseDetailPage.js';
import { CaseSettingsPage } from '../cases/CaseSettingsPage.js';
import { AppointmentsNav } from '../appointments/AppointmentsNav.js';
import { AppointmentsDay } from '../appointments/AppointmentsDay.js';
import { AppointmentPage } from '../appointments/AppointmentPage.js';
import { OrderNav } from '../orders/OrderNav.js';
import { OrderEditor } from '../orders/OrderEditor.js';
import { OrderPage } from '../orders/OrderPage.js';
import { OrdersPage } from '../orders/OrdersPage.js';
import { ImportsPage } from '../imports/ImportsPage.js';
import { ImportWizard } from '../imports/ImportWizard.js';
import { ImportBatchPage } from '../imports/ImportBatchPage.js';
import { AuditPage } from '../imports/AuditPage.js';
import { customersChanged } from '../customers/customerEvents.js';
import { useCustomerSearch } from '../customers/customerSearch.js';
import { LanguageSwitch } from '../design/LanguageSwitch.js';
import { isTypingTarget } from '../lib/keyboard.js';
import { BrandMark } from '../session/BrandMark.js';
import { useSession } from '../session/sessionStore.js';
import { canCall } from '../lib/access.js';
import { ConflictsPage } from '../sync/ConflictsPage.js';
import { SyncPanel } from '../sync/SyncPanel.js';
import { SyncSettingsPage } from '../sync/SyncSettingsPage.js';
import { useSync } from '../sync/syncStore.js';
import './shell.css';

/** The front-office window: header, navigation, and the current screen. */
export function AppShell({ route }: { route: Route }) {
  const { t } = useTranslation();
  const { branch, actor, signOut } = useSession();
  const openConflicts = useSync((s) => s.status?.openConflicts ?? 0);
  const customerScreen = route.name === 'customers' || route.name === 'customer' || route.name === 'customerNew' || route.name === 'customerEdit';

  // Core events: customers changed elsewhere (another window, a sync), or the session ended.
  useEffect(() => {
    if (!transport) return;
    return transport.onEvent((event) => {
      if (event.type === 'customers.changed') customersChanged(event.ids);
      else if (event.type === 'sync.finished' && event.pulled > 0) customersChanged(null);
      else if (event.type === 'session.ended') useSession.getState().sessionEnded();
    });
  }, []);

  // "/" or Ctrl+K: search from anywhere in the window.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      if (route.name !== 'customers') navigate({ name: 'customers' });
      useCustomerSearch.getState().requestFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name]);

  const openReports = () => {
    const url = `${window.location.pathname}${window.location.search}${transport?.handoffHash('/reports') ?? '#/reports'}`;
    window.open(url, 'simpul-reports', 'width=1200,height=820');
  };

  return (
    <div className="shell">
      <header className="shell__header">
        <BrandMark compact />
        {branch?.branchName && (
          <div className="shell__branch" title={t('shell.branch')}>
            <span className="shell__branch-name">{branch.branchName}</span>
            <span className="shell__branch-code mono">{branch.branchCode}</span>
          </div>
        )}
        <div className="shell__spacer" />
        {actor && (
          <div className="shell__user">
            <span className="shell__user-name">{actor.displayName}</span>
            <span className="shell__user-role">{t(`role.${actor.role}`)}</span>
          </div>
        )}
        <LanguageSwitch />
        <button type="button" className="button button--small" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </button>
      </header>
      <nav className="shell__nav" aria-label={t('shell.navigation')}>
        <a className={`nav-item ${customerScreen ? 'nav-item--active' : ''}`} href="#/customers" aria-current={route.name === 'customers' ? 'page' : undefined}>
          <NavIcon kind="customers" />
          {t('nav.customers')}
        </a>
        <AgendaNav route={route} />
        <CasesNav route={route} />
        <AppointmentsNav route={route} />
        <OrderNav route={route} />
        <FrontOfficeNav route={route} />
        <a className={`nav-item ${route.name === 'conflicts' ? 'nav-item--active' : ''}`} href="#/sync/conflicts" aria-current={route.name === 'conflicts' ? 'page' : undefined}>
          <NavIcon kind="conflicts" />
          {t('nav.conflicts')}
          {openConflicts > 0 && <span className="nav-item__count" aria-label={t('nav.openConflicts', { count: openConflicts })}>{openConflicts}</span>}
        </a>
        {canCall('sync.enrol', actor?.role) && (
          <a className={`nav-item ${route.name === 'sync' ? 'nav-item--active' : ''}`} href="#/sync" aria-current={route.name === 'sync' ? 'page' : undefined}>
            <NavIcon kind="sync" />
            {t('nav.sync')}
          </a>
        )}
        <button type="button" className="nav-item" onClick={openReports} title={t('nav.reportsHint')}>
          <NavIcon kind="reports" />
          {t('nav.reports')}
          <span className="nav-item__external" aria-hidden="true">↗</span>
        </button>
        <SyncPanel />
        <div className="shell__keys" aria-label={t('shell.shortcuts')}>
          <p className="shell__keys-title">{t('shell.shortcuts')}</p>
          <dl>
            <Shortcut keys={['/']} label={t('common.search')} />
            <Shortcut keys={['N']} label={t('customers.new')} />
            <Shortcut keys={['E']} label={t('profile.edit')} />
            <Shortcut keys={['I']} label={t('interaction.log')} />
            <Shortcut keys={['K']} label={t('cases.open.button')} />
            <Shortcut keys={['J']} label={t('appointment.customer.book')} />
            <Shortcut keys={['P']} label={t('orders.new')} />
            <Shortcut keys={['R']} label={t('agenda.plan.button')} />
            <Shortcut keys={['Ctrl', 'S']} label={t('common.save')} />
            <Shortcut keys={['Esc']} label={t('shell.back')} />
            <Shortcut keys={['Ctrl', 'Shift', 'S']} label={t('sync.shortcut')} />
          </dl>
        </div>
      </nav>
      <main className="shell__main" id="main">
        <Screen route={route} />
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'customerNew':
      return <CustomerForm key="new" mode={{ kind: 'create' }} />;
    case 'customerEdit':
      return <CustomerForm key={`edit-${route.id}`} mode={{ kind: 'edit', id: route.id }} />;
    case 'customer':
      return <CustomerProfile key={route.id} id={route.id} />;
    case 'imports':
      return <ImportsPage />;
    case 'importNew':
      return <ImportWizard />;
    case 'importBatch':
      return <ImportBatchPage key={route.id} id={route.id} />;
    case 'audit':
      return <AuditPage />;
    case 'sync':
      return <SyncSettingsPage />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'agenda':
      return <AgendaPage />;
    case 'agendaRules':
      return <ReminderRulesPage />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} />;
    case 'caseSettings':
      return <CaseSettingsPage />;
    case 'appointments':
      return <AppointmentsDay key={route.date ?? 'today'} date={route.date} />;
    case 'appointment':
      return <AppointmentPage key={route.id} id={route.id} />;
    case 'orders':
      return <OrdersPage />;
    case 'order':
      return <OrderPage key={route.id} id={route.id} />;
    case 'orderNew':
      return <OrderEditor key={route.customerId} mode={{ kind: 'create', customerId: route.customerId }} />;
    case 'orderEdit':
      return <OrderEditor key={`edit-${route.id}`} mode={{ kind: 'edit', orderId: route.id }} />;
    default:
      return <CustomersPage />;
  }
}

function Shortcut({ keys, label }: { keys: string[]; label: string }) {
  return (
    <div className="shortcut">
      <dt>{label}</dt>
      <dd>
        {keys.map((key, i) => (
          <span key={key}>
            {i > 0 && '+'}
            <kbd>{key}</kbd>
          </span>
        ))}
      </dd>
    </div>
  );
}

function NavIcon({ kind }: { kind: 'customers' | 'reports' | 'conflicts' | 'sync' }) {
  if (kind === 'conflicts' || kind === 'sync') {
    return (
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        {kind === 'conflicts' ? (
          <path d="M4 5h7M4 5l2.5-2.5M4 5l2.5 2.5M16 15H9M16 15l-2.5-2.5M16 15l-2.5 2.5M15 4.5 5 15.5" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <path d="M16 8.5A6.2 6.2 0 0 0 4.6 6.2M4 3.5v3h3M4 11.5a6.2 6.2 0 0 0 11.4 2.3M16 16.5v-3h-3" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        )}
      </svg>
    );
  }
  return (
    <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
      {kind === 'customers' ? (
        <>
          <circle cx="8" cy="7" r="3.2" fill="none" stroke="currentColor" strokeWidth="1.7" />
          <path d="M2.5 16.5c.6-3 2.8-4.6 5.5-4.6s4.9 1.6 5.5 4.6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
          <path d="M13.5 4.2a3 3 0 0 1 0 5.6M15.2 12.2c1.3.6 2.1 2 2.4 4.3" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </>
      ) : (
        <path d="M3.5 16.5V10M8 16.5V5.5M12.5 16.5V8.5M17 16.5V3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}
