import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { AgendaActionResult, AgendaItem } from '../../shared/domain/agenda.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { DateInput } from '../design/DateInput.js';
import { TimeInput } from '../design/TimeInput.js';

export type ReasonAction = 'reschedule' | 'skip' | 'dismiss';

/** Reschedule (new day, time, reason), skip (reason) or dismiss (optional reason) an agenda item. Enter saves, Escape closes. */
export function ReasonDialog({ item, action, onClose, onSaved }: { item: AgendaItem; action: ReasonAction; onClose(): void; onSaved(result: AgendaActionResult): void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(item.dueDate);
  const [time, setTime] = useState(item.dueTime ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    if (action === 'reschedule') document.getElementById('reschedule-date')?.focus();
    return () => previous?.focus?.();
  }, [action]);

  async function save() {
    if (saving) return;
    setSaving(true);
    const result =
      action === 'reschedule'
        ? await call('agenda.reschedule', { key: item.key, dueDate: date, dueTime: time.trim() === '' ? null : time.trim(), reason })
        : action === 'skip'
          ? await call('agenda.skip', { key: item.key, reason })
          : await call('agenda.dismiss', { key: item.key, reason: reason.trim() === '' ? null : reason });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    onSaved(result.value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      event.stopPropagation();
      void save();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog agenda-dialog agenda-dialog--small card" role="dialog" aria-modal="true" aria-labelledby="reason-title" onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="reason-title">{t(`agenda.${action}.title`)}</h2>
          <p className="muted">
            {item.customerName} · {t(`agenda.source.${item.source}`)}
          </p>
        </header>
        {error && <ErrorBanner error={error} />}
        {action === 'reschedule' && (
          <div className="agenda-dialog__row">
            <div className="field">
              <label className="field__label" htmlFor="reschedule-date">
                {t('agenda.reschedule.date')}
              </label>
              <DateInput id="reschedule-date" value={date} onChange={setDate} invalid={Boolean(fields.dueDate)} />
              {fields.dueDate && <span className="field__error">{fields.dueDate.message}</span>}
            </div>
            <div className="field">
              <label className="field__label" htmlFor="reschedule-time">
                {t('agenda.reschedule.time')}
              </label>
              <TimeInput id="reschedule-time" value={time} onChange={setTime} invalid={Boolean(fields.dueTime)} />
              {fields.dueTime && <span className="field__error">{fields.dueTime.message}</span>}
            </div>
          </div>
        )}
        <label className="field">
          <span className="field__label">{t(`agenda.${action}.reason`)}</span>
          <input className="input" value={reason} autoFocus={action !== 'reschedule'} maxLength={500} aria-invalid={fields.reason ? true : undefined} onChange={(e) => setReason(e.target.value)} />
          {fields.reason && <span className="field__error">{fields.reason.message}</span>}
        </label>
        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>Enter</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className={`button ${action === 'dismiss' ? 'button--danger' : 'button--primary'}`} disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t(`agenda.${action}.save`)}
          </button>
        </footer>
      </div>
    </div>
  );
}
