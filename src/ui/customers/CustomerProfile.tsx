import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { StageBadge } from '../design/StageBadge.js';
import { showTime } from '../design/dateText.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { isPlainKey } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { QuickLog } from '../interactions/QuickLog.js';
import { OpenCaseButton } from '../cases/OpenCaseButton.js';
import { BookingDialog } from '../appointments/BookingDialog.js';
import { CustomerAppointments } from '../appointments/CustomerAppointments.js';
import { PlanContactButton } from '../agenda/PlanContactButton.js';
import { formatCalendarDate, formatInstant } from '../../shared/domain/dates.js';
import { CompletenessMeter } from '../profile360/CompletenessMeter.js';
import { OverviewTab, type Profile360 } from '../profile360/OverviewTab.js';
import { PersonalTab } from '../profile360/PersonalTab.js';
import { AssetsTab } from '../profile360/AssetsTab.js';
import { SensitiveTab } from '../profile360/SensitiveTab.js';
import { Timeline } from '../profile360/Timeline.js';
import { CustomerOrders } from '../orders/CustomerOrders.js';
import { customersChanged, useCustomerChanges } from './customerEvents.js';
import './customerForm.css';
import './customerProfile.css';
import '../profile360/profile360.css';

type Tab = 'overview' | 'personal' | 'assets' | 'timeline' | 'sensitive';

/**
 * Customer 360 (C1-C6): everything known about one customer, in tabs a
 * clerk reaches with the number keys. Keyboard: I logs an interaction, J
 * books a service appointment, E
 * edits, 1-5 switch tabs, Escape goes back to the list. Times are shown in
 * the branch's zone.
 */
export function CustomerProfile({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const role = useSession((s) => s.actor?.role);
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const changes = useCustomerChanges();
  const [data, setData] = useState<Profile360 | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<Tab>('overview');
  const [logging, setLogging] = useState(false);
  const [booking, setBooking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const tabs: Tab[] = canCall('sensitive.get', role) ? ['overview', 'personal', 'assets', 'timeline', 'sensitive'] : ['overview', 'personal', 'assets', 'timeline'];

  const affected = changes.ids === null || changes.ids.includes(id);
  const reloadKey = affected ? changes.version : -1;
  const load = useCallback(async () => {
    const result = await call('customers.profile360', { id, timelineLimit: 50 });
    if (result.ok) {
      setData(result.value);
      setError(null);
      setVersion((v) => v + 1);
    } else setError(result.error);
  }, [id]);

  useEffect(() => {
    void load();
    // reloadKey: reload when this customer changed elsewhere
  }, [load, reloadKey]);

  useEffect(() => {
    if (data) document.title = `${data.customer.fullName} · Simpul`;
  }, [data]);

  // A confirmation reads once and goes; the timeline shows what was saved.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  const customer = data?.customer;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (logging || booking || !customer) return;
      const digit = /^[1-5]$/.test(event.key) && isPlainKey(event, event.key) ? tabs[Number(event.key) - 1] : undefined;
      if (digit) {
        event.preventDefault();
        setTab(digit);
      } else if (isPlainKey(event, 'i') && !customer.archivedAt) {
        event.preventDefault();
        setLogging(true);
      } else if (isPlainKey(event, 'j') && !customer.archivedAt) {
        event.preventDefault();
        setBooking(true);
      } else if (isPlainKey(event, 'p') && !customer.archivedAt) {
        event.preventDefault();
        navigate({ name: 'orderNew', customerId: id });
      } else if (isPlainKey(event, 'e') && !customer.archivedAt) {
        event.preventDefault();
        navigate({ name: 'customerEdit', id });
      } else if (event.key === 'Escape' && !event.defaultPrevented && !(event.target instanceof HTMLInputElement) && !(event.target instanceof HTMLTextAreaElement)) {
        navigate({ name: 'customers' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [customer, id, logging, booking, tabs]);

  async function setArchived(archived: boolean) {
    setBusy(true);
    const result = await call(archived ? 'customers.archive' : 'customers.restore', { id });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    customersChanged([id]);
  }

  function onTabKey(event: ReactKeyboardEvent<HTMLDivElement>) {
    const at = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length] : null;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  if (!data || !customer) {
    return <div className="profile">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;
  }

  const canArchive = canCall(customer.archivedAt ? 'customers.restore' : 'customers.archive', role);
  const readOnly = Boolean(customer.archivedAt);
  const changed = () => {
    void load();
  };

  return (
    <article className="profile" aria-labelledby="profile-name">
      <header className="profile__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'customers' })}>
            ← {t('form.backToList')}
          </button>
          <div className="profile__title">
            <h1 id="profile-name">{customer.fullName}</h1>
            {customer.nickname && <span className="profile__nickname">“{customer.nickname}”</span>}
            <StageBadge stage={customer.lifecycleStage} />
          </div>
          <p className="profile__number muted">
            {t('customer.customerNumber')} <span className="mono">{customer.customerNumber}</span>
          </p>
        </div>
        <div className="profile__actions">
          {canArchive &&
            (customer.archivedAt ? (
              <button type="button" className="button" disabled={busy} onClick={() => void setArchived(false)}>{t('profile.restore')}</button>
            ) : (
              <button type="button" className="button button--danger" disabled={busy} onClick={() => void setArchived(true)}>{t('profile.archive')}</button>
            ))}
          {!readOnly && (
            <>
              <button type="button" className="button" onClick={() => setLogging(true)}>
                {t('interaction.log')} <kbd>I</kbd>
              </button>
              <PlanContactButton
                customerId={id}
                customerName={customer.fullName}
                preferred={customer.preferredChannel}
                onSaved={(plan) => {
                  setNotice(t('agenda.plan.saved', { date: formatCalendarDate(plan.dueDate, locale) + (plan.dueTime ? ` ${showTime(plan.dueTime, locale)}` : ''), staff: plan.staffName }));
                  void load();
                }}
              />
              <OpenCaseButton
                customerId={id}
                customerName={customer.fullName}
                preferred={customer.preferredChannel}
                onSaved={(c) => {
                  setNotice(t('cases.open.saved', { number: c.caseNumber, department: t(`cases.department.${c.department}`) }));
                  void load();
                }}
              />
              <button type="button" className="button" onClick={() => navigate({ name: 'orderNew', customerId: id })}>
                {t('orders.new')} <kbd>P</kbd>
              </button>
              <button type="button" className="button button--primary" onClick={() => navigate({ name: 'customerEdit', id })}>
                {t('profile.edit')} <kbd>E</kbd>
              </button>
            </>
          )}
        </div>
      </header>

      {error && <ErrorBanner error={error} />}
      {notice && <Banner tone="success" title={notice} />}
      {customer.archivedAt && (
        <Banner tone="warning" title={t('profile.archivedTitle')}>
          {t('profile.archivedBody', { when: formatInstant(customer.archivedAt, zone, locale) })}
        </Banner>
      )}

      <CompletenessMeter score={data.completeness.score} missing={data.completeness.missing} onFill={readOnly ? undefined : () => navigate({ name: 'customerEdit', id })} />

      <div className="tabs" role="tablist" aria-label={t('c360.sections')} onKeyDown={onTabKey}>
        {tabs.map((name, i) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className="tab"
            onClick={() => setTab(name)}
          >
            {t(`c360.tab.${name}`)} <kbd>{i + 1}</kbd>
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && <CustomerAppointments customerId={id} zone={zone} version={version} onBook={readOnly ? undefined : () => setBooking(true)} />}
        {tab === 'overview' && <OverviewTab data={data} zone={zone} version={version} onChanged={changed} onShowTimeline={() => setTab('timeline')} />}
        {tab === 'overview' && <CustomerOrders customerId={id} zone={zone} readOnly={readOnly} version={version} />}
        {tab === 'personal' && <PersonalTab data={data} />}
        {tab === 'assets' && <AssetsTab customerId={id} assets={data.assets} zone={zone} readOnly={readOnly} onChanged={changed} />}
        {tab === 'timeline' && (
          <section className="card profile-card">
            <h2 className="form-card__title">{t('timeline.title')}</h2>
            <Timeline customerId={id} first={data.timeline} zone={zone} version={version} />
          </section>
        )}
        {tab === 'sensitive' && <SensitiveTab customerId={id} recorded={data.sensitiveRecorded} zone={zone} readOnly={readOnly} />}
      </div>

      <footer className="profile__footer muted">
        {t('profile.created', { when: formatInstant(customer.createdAt, zone, locale) })} · {t('profile.updated', { when: formatInstant(customer.updatedAt, zone, locale) })}
      </footer>

      {booking && (
        <BookingDialog
          customerId={id}
          customerName={customer.fullName}
          assets={data.assets}
          zone={zone}
          onClose={() => setBooking(false)}
          onBooked={(d) => {
            setBooking(false);
            setNotice(t('appointment.book.saved', { service: d.appointment.serviceName, when: formatInstant(d.appointment.startsAt, zone, locale) }));
            void load();
          }}
        />
      )}
      {logging && (
        <QuickLog
          customerId={id}
          customerName={customer.fullName}
          preferred={customer.preferredChannel}
          onClose={() => setLogging(false)}
          onSaved={() => {
            setLogging(false);
            setNotice(t('interaction.saved'));
            void load();
          }}
        />
      )}
    </article>
  );
}
