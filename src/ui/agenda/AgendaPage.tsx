import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { PLAN_COUNT_CAP, PLAN_LIMIT_MAX, PLAN_PAGE, REMINDER_COUNT_CAP, REMINDER_RULES, type Agenda, type AgendaActionResult, type AgendaItem } from '../../shared/domain/agenda.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { showTime } from '../design/dateText.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { isTypingTarget } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { OutcomeDialog } from './OutcomeDialog.js';
import { ReasonDialog, type ReasonAction } from './ReasonDialog.js';
import { recurrenceText, reminderDetail } from './agendaText.js';
import './agenda.css';
import '../interactions/interactions.css';

type Dialog = { kind: 'done'; item: AgendaItem } | { kind: ReasonAction; item: AgendaItem } | null;

/**
 * A staff member's agenda (T2, T3): planned contacts and the branch's
 * reminders for today or seven days, overdue first, then by day and time.
 * Keyboard-first: ↑/↓ move, Enter captures the outcome, R reschedules, S
 * skips (plans), D dismisses (reminders), T/W switch today and seven days.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const actor = useSession((s) => s.actor);
  const [range, setRange] = useState<'today' | 'week'>('today');
  const [whose, setWhose] = useState<string>('me');
  // Planned contacts come a page at a time (a whole branch's week can hold thousands); "show more" asks for the next page.
  // Kept per range and person: another day or another person's agenda starts again from the first page.
  const [more, setMore] = useState({ of: '', limit: PLAN_PAGE });
  const limit = more.of === `${range}|${whose}` ? more.limit : PLAN_PAGE;
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [agenda, setAgenda] = useState<Agenda | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => {
    document.title = `${t('agenda.nav')} · Simpul`;
    void call('agenda.staff', {}).then((r) => r.ok && setStaff(r.value));
  }, [t]);

  const load = useCallback(async () => {
    const result = await call('agenda.list', { range, staffId: whose === 'me' ? undefined : whose === 'all' ? null : whose, reminders: true, limit });
    if (result.ok) {
      setAgenda(result.value);
      setError(null);
      setSelected((i) => Math.min(i, Math.max(0, result.value.items.length - 1)));
    } else setError(result.error);
  }, [range, whose, limit]);

  useEffect(() => {
    void load();
  }, [load]);

  // Keyboard-first: once the agenda is there, the selected row has the focus (arrows and Enter work at once).
  const focused = useRef(false);
  useEffect(() => {
    if (!agenda || focused.current || agenda.items.length === 0) return;
    focused.current = true;
    rows.current[0]?.focus();
  }, [agenda]);

  const items = agenda?.items ?? [];
  const current = items[selected] as AgendaItem | undefined;

  const focusRow = (i: number) => {
    const next = Math.max(0, Math.min(items.length - 1, i));
    setSelected(next);
    rows.current[next]?.focus();
  };

  // Keys work anywhere on the page while no dialog is open and nothing is being typed.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || document.querySelector('[role="dialog"]') || isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        event.preventDefault();
        focusRow(selected + (key === 'ArrowDown' ? 1 : -1));
      } else if (key === 'Home' || key === 'End') {
        event.preventDefault();
        focusRow(key === 'Home' ? 0 : items.length - 1);
      } else if (key.toLowerCase() === 't' || key.toLowerCase() === 'w') {
        event.preventDefault();
        setRange(key.toLowerCase() === 't' ? 'today' : 'week');
      } else if (current && key === 'Enter' && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
        event.preventDefault();
        setDialog({ kind: 'done', item: current });
      } else if (current && key.toLowerCase() === 'r' && current.kind === 'plan') {
        event.preventDefault();
        setDialog({ kind: 'reschedule', item: current });
      } else if (current && key.toLowerCase() === 's' && current.kind === 'plan') {
        event.preventDefault();
        setDialog({ kind: 'skip', item: current });
      } else if (current && key.toLowerCase() === 'd' && current.kind === 'reminder') {
        event.preventDefault();
        setDialog({ kind: 'dismiss', item: current });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function done(result: AgendaActionResult, item: AgendaItem) {
    setDialog(null);
    if (result.action === 'done') setNotice(result.next ? t('agenda.outcome.savedNext', { date: formatCalendarDate(result.next.dueDate, locale) }) : t('agenda.outcome.saved', { name: item.customerName }));
    else if (result.action === 'rescheduled') setNotice(t('agenda.reschedule.saved', { date: formatCalendarDate(result.next?.dueDate ?? item.dueDate, locale) }));
    else setNotice(t(`agenda.${result.action === 'skipped' ? 'skip' : 'dismiss'}.saved`));
    void load().then(() => rows.current[selected]?.focus());
  }

  // Group rows under "Overdue", "Today" and each later day.
  const groups: { heading: string; items: { item: AgendaItem; index: number }[] }[] = [];
  items.forEach((item, index) => {
    const heading = item.overdue ? t('agenda.overdue') : item.dueDate === agenda?.today ? t('agenda.todayHeading') : formatCalendarDate(item.dueDate, locale);
    const last = groups[groups.length - 1];
    if (last && last.heading === heading) last.items.push({ item, index });
    else groups.push({ heading, items: [{ item, index }] });
  });

  const plansShown = items.filter((i) => i.kind === 'plan').length;
  const morePlans = agenda ? agenda.plansTotal > plansShown : false;
  const capped = agenda ? REMINDER_RULES.filter((r) => (agenda.reminderTotals[r] ?? 0) > items.filter((i) => i.source === r).length) : [];

  return (
    <div className="agenda-page">
      <header className="agenda-page__header">
        <div>
          <h1>{range === 'today' ? t('agenda.titleToday') : t('agenda.titleWeek')}</h1>
          {agenda && (
            <p className="muted" data-testid="agenda-range">
              {range === 'today'
                ? formatCalendarDate(agenda.from, locale)
                : t('agenda.range', { from: formatCalendarDate(agenda.from, locale), to: formatCalendarDate(agenda.to, locale) })}{' '}
              {agenda.timeZone} · {t('agenda.count', { count: items.length })}
            </p>
          )}
        </div>
        <div className="agenda-page__controls">
          <div className="segmented" role="group" aria-label={t('agenda.keyRange')}>
            <button type="button" aria-pressed={range === 'today'} onClick={() => setRange('today')}>
              {t('agenda.today')} <kbd>T</kbd>
            </button>
            <button type="button" aria-pressed={range === 'week'} onClick={() => setRange('week')}>
              {t('agenda.week')} <kbd>W</kbd>
            </button>
          </div>
          <label className="field agenda-page__whose">
            <span className="field__label">{t('agenda.whose')}</span>
            <select className="select" aria-label={t('agenda.whose')} value={whose} onChange={(e) => setWhose(e.target.value)}>
              <option value="me">{t('agenda.mine')}</option>
              <option value="all">{t('agenda.everyone')}</option>
              {staff
                .filter((s) => s.id !== actor?.userId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <a className="button" href="#/agenda/rules">
            {t('agenda.rules.button')}
          </a>
        </div>
      </header>

      {error && <ErrorBanner error={error} />}
      {notice && <Banner tone="success" title={notice} />}

      {agenda && items.length === 0 && (
        <div className="agenda-empty">
          <p>{t('agenda.empty')}</p>
          <p className="muted">{t('agenda.emptyHint')}</p>
        </div>
      )}

      {groups.map((group) => (
        <section key={group.heading} className="agenda-group" aria-label={group.heading}>
          <h2 className={`agenda-group__heading ${group.heading === t('agenda.overdue') ? 'agenda-group__heading--late' : ''}`}>
            {group.heading} <span className="agenda-group__count">{group.items.length}</span>
          </h2>
          <ul className="agenda-list" role="listbox" aria-label={group.heading}>
            {group.items.map(({ item, index }) => (
              <AgendaRow
                key={item.key}
                item={item}
                selected={index === selected}
                showDate={item.overdue}
                ref={(el) => {
                  rows.current[index] = el;
                }}
                onSelect={() => setSelected(index)}
                onAction={(kind) => setDialog(kind === 'done' ? { kind, item } : { kind, item })}
              />
            ))}
          </ul>
        </section>
      ))}

      {morePlans && agenda && (
        <p className="muted agenda-capped" data-testid="agenda-more-plans">
          {t('agenda.morePlans', { shown: plansShown, total: agenda.plansTotal >= PLAN_COUNT_CAP ? `${PLAN_COUNT_CAP}+` : agenda.plansTotal })}{' '}
          {limit < PLAN_LIMIT_MAX && (
            <button type="button" className="button button--small" onClick={() => setMore({ of: `${range}|${whose}`, limit: Math.min(PLAN_LIMIT_MAX, limit + PLAN_PAGE) })}>
              {t('agenda.showMore', { count: Math.min(PLAN_PAGE, agenda.plansTotal - plansShown) })}
            </button>
          )}
        </p>
      )}

      {capped.length > 0 && agenda && (
        <p className="muted agenda-capped">
          {capped
            .map((r) => t('agenda.moreReminders', { rule: t(`agenda.source.${r}`), shown: items.filter((i) => i.source === r).length, total: agenda.reminderTotals[r] >= REMINDER_COUNT_CAP ? `${REMINDER_COUNT_CAP}+` : agenda.reminderTotals[r] }))
            .join(' · ')}
        </p>
      )}

      <footer className="agenda-keys muted">
        {t('agenda.keys')}: <kbd>↑</kbd>
        <kbd>↓</kbd> {t('agenda.keyMove')} · <kbd>Enter</kbd> {t('agenda.keyDone')} · <kbd>R</kbd> {t('agenda.keyReschedule')} · <kbd>S</kbd> {t('agenda.keySkip')} · <kbd>D</kbd> {t('agenda.keyDismiss')} · <kbd>T</kbd>/<kbd>W</kbd> {t('agenda.keyRange')}
        {!canCall('reminders.saveRules', actor?.role) && null}
      </footer>

      {dialog?.kind === 'done' && <OutcomeDialog item={dialog.item} onClose={() => setDialog(null)} onSaved={(r) => done(r, dialog.item)} />}
      {dialog && dialog.kind !== 'done' && <ReasonDialog item={dialog.item} action={dialog.kind} onClose={() => setDialog(null)} onSaved={(r) => done(r, dialog.item)} />}
    </div>
  );
}

import { forwardRef } from 'react';

const AgendaRow = forwardRef<HTMLLIElement, { item: AgendaItem; selected: boolean; showDate: boolean; onSelect(): void; onAction(kind: 'done' | ReasonAction): void }>(function AgendaRow(
  { item, selected, showDate, onSelect, onAction },
  ref,
) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const detail = item.kind === 'plan' ? item.reason : reminderDetail(t, item, locale);
  const repeat = recurrenceText(t, item.recurrence);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={`agenda-row ${selected ? 'agenda-row--selected' : ''} ${item.overdue ? 'agenda-row--late' : ''} agenda-row--${item.kind}`}
      data-key={item.key}
      onFocus={onSelect}
      onClick={onSelect}
    >
      <div className="agenda-row__when tabular">
        {showDate && <div className="agenda-row__date">{formatCalendarDate(item.dueDate, locale)}</div>}
        <div className={item.dueTime ? 'agenda-row__time' : 'agenda-row__time muted'}>{item.dueTime ? showTime(item.dueTime, locale) : t('agenda.anyTime')}</div>
      </div>
      <div className="agenda-row__who">
        <a
          className="agenda-row__name"
          href={`#/customers/${item.customerId}`}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'customer', id: item.customerId });
          }}
          tabIndex={-1}
        >
          {item.customerName}
        </a>
        <div className="muted agenda-row__meta">
          <span className="mono">{item.customerNumber}</span> · <span className="agenda-row__phone">{item.phone ? formatPhone(item.phone) : t('agenda.noPhone')}</span>
          {item.whatsapp && <span className="agenda-badge agenda-badge--wa">WA</span>}
        </div>
      </div>
      <div className="agenda-row__what">
        <div>
          <span className={`agenda-source agenda-source--${item.source}`}>{t(`agenda.source.${item.source}`)}</span>
          <span className="agenda-row__channel">
            {t(`channel.${item.channel}`)} · {t(`purpose.${item.purpose}`)}
          </span>
        </div>
        {detail && <div className="agenda-row__detail">{detail}</div>}
      </div>
      <div className="agenda-row__staff muted">
        {item.staffName ?? t('agenda.branchWork')}
        {repeat && <div className="agenda-row__repeat">↻ {repeat}</div>}
      </div>
      <div className="agenda-row__actions">
        <button type="button" className="button button--primary button--small" tabIndex={-1} onClick={() => onAction('done')}>
          {t('agenda.action.done')}
        </button>
        {item.kind === 'plan' ? (
          <>
            <button type="button" className="button button--small" tabIndex={-1} onClick={() => onAction('reschedule')}>
              {t('agenda.action.reschedule')}
            </button>
            <button type="button" className="button button--small button--quiet" tabIndex={-1} onClick={() => onAction('skip')}>
              {t('agenda.action.skip')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--small button--quiet" tabIndex={-1} onClick={() => onAction('dismiss')}>
            {t('agenda.action.dismiss')}
          </button>
        )}
      </div>
    </li>
  );
});
