import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { RECURRENCE_UNITS, type ContactPlan, type RecurrenceUnit } from '../../shared/domain/agenda.js';
import { todayIn } from '../../shared/domain/dates.js';
import { CHANNELS, PURPOSES, type Channel, type Purpose } from '../../shared/domain/interaction.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { ChoiceGroup } from '../interactions/ChoiceGroup.js';
import { DateInput } from '../design/DateInput.js';
import { TimeInput } from '../design/TimeInput.js';
import { useSession } from '../session/sessionStore.js';
import '../interactions/interactions.css';
import './agenda.css';

type Repeat = 'once' | RecurrenceUnit;
const REPEATS: readonly Repeat[] = ['once', ...RECURRENCE_UNITS];

/**
 * Plan a contact (T2) from the customer profile: the date has the focus
 * (today in the branch's zone; 22/11/2026 is understood), then time,
 * channel, purpose, reason, who makes the contact and the repeat. Enter
 * saves, Escape closes.
 */
export function PlanDialog({ customerId, customerName, preferred, onClose, onSaved }: {
  customerId: string;
  customerName: string;
  preferred: Channel | null;
  onClose(): void;
  onSaved(plan: ContactPlan): void;
}) {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const me = useSession((s) => s.actor?.userId);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [date, setDate] = useState(() => todayIn(zone));
  const [time, setTime] = useState('');
  const [channel, setChannel] = useState<Channel>(preferred ?? 'phone');
  const [purpose, setPurpose] = useState<Purpose>('relationship');
  const [reason, setReason] = useState('');
  const [staffId, setStaffId] = useState(me ?? '');
  const [repeat, setRepeat] = useState<Repeat>('once');
  const [every, setEvery] = useState('1');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    void call('agenda.staff', {}).then((r) => r.ok && setStaff(r.value));
    const previous = document.activeElement as HTMLElement | null;
    document.getElementById('plan-date')?.focus();
    return () => previous?.focus?.();
  }, []);

  async function save() {
    if (saving) return;
    setSaving(true);
    const result = await call('plans.add', {
      customerId,
      staffId: staffId || undefined,
      channel,
      purpose,
      reason: reason.trim() === '' ? null : reason,
      dueDate: date,
      dueTime: time.trim() === '' ? null : time.trim(),
      recurrence: repeat === 'once' ? null : { unit: repeat, every: Number(every), until: until.trim() === '' ? null : until.trim() },
    });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    onSaved(result.value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey && !(event.target instanceof HTMLTextAreaElement) && !(event.target instanceof HTMLButtonElement && event.target.getAttribute('role') !== 'radio')) {
      event.preventDefault();
      event.stopPropagation();
      void save();
    }
  }

  const err = (key: string) => fields[key] && <span className="field__error">{fields[key].message}</span>;

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog agenda-dialog card" role="dialog" aria-modal="true" aria-labelledby="plan-title" onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="plan-title">{t('agenda.plan.title')}</h2>
          <p className="muted">{customerName}</p>
        </header>
        {error && <ErrorBanner error={error} />}
        <div className="agenda-dialog__row agenda-dialog__row--three">
          <div className="field">
            <label className="field__label" htmlFor="plan-date">
              {t('agenda.plan.date')}
            </label>
            <DateInput id="plan-date" value={date} onChange={setDate} invalid={Boolean(fields.dueDate)} />
            {err('dueDate')}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="plan-time">
              {t('agenda.plan.time')}
            </label>
            <TimeInput id="plan-time" value={time} onChange={setTime} invalid={Boolean(fields.dueTime)} />
            {err('dueTime')}
          </div>
          <label className="field">
            <span className="field__label">{t('agenda.plan.staff')}</span>
            <select className="select" aria-label={t('agenda.plan.staff')} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {err('staffId')}
          </label>
        </div>
        <ChoiceGroup<Channel> label={t('agenda.plan.channel')} options={CHANNELS} value={channel} onChange={setChannel} labelOf={(c) => t(`channel.${c}`)} className="choice-group__options--wide" />
        <ChoiceGroup<Purpose> label={t('agenda.plan.purpose')} options={PURPOSES} value={purpose} onChange={setPurpose} labelOf={(p) => t(`purpose.${p}`)} />
        <label className="field">
          <span className="field__label">{t('agenda.plan.reason')}</span>
          <input className="input" value={reason} maxLength={500} placeholder={t('agenda.plan.reasonHint')} aria-invalid={fields.reason ? true : undefined} onChange={(e) => setReason(e.target.value)} />
          {err('reason')}
        </label>
        <ChoiceGroup<Repeat> label={t('agenda.plan.repeat')} options={REPEATS} value={repeat} onChange={setRepeat} labelOf={(r) => (r === 'once' ? t('agenda.plan.once') : t(`agenda.plan.unit.${r}`))} />
        {repeat !== 'once' && (
          <div className="agenda-dialog__row">
            <label className="field">
              <span className="field__label">{t('agenda.plan.every')}</span>
              <input className="input tabular" type="number" min={1} max={365} value={every} aria-invalid={fields['recurrence.every'] ? true : undefined} onChange={(e) => setEvery(e.target.value)} />
              {err('recurrence.every')}
            </label>
            <div className="field">
              <label className="field__label" htmlFor="plan-until">
                {t('agenda.plan.until')}
              </label>
              <DateInput id="plan-until" value={until} onChange={setUntil} invalid={Boolean(fields['recurrence.until'])} />
              {err('recurrence.until')}
            </div>
          </div>
        )}
        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>Tab</kbd> {t('interaction.keysNext')} · <kbd>←</kbd>
            <kbd>→</kbd> {t('interaction.keysChoose')} · <kbd>Enter</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t('agenda.plan.save')}
          </button>
        </footer>
      </div>
    </div>
  );
}
