import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Appointment, AppointmentDetail, QcResult, Technician } from '../../shared/domain/appointment.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { useSession } from '../session/sessionStore.js';

interface Line {
  label: string;
  passed: boolean;
  note: string;
}

/** A first checklist to edit: the usual checks after work on a vehicle, one line for anything else. */
function startingLines(appointment: Appointment, t: (key: string) => string): Line[] {
  const keys = appointment.assetId ? ['brakes', 'fluids', 'lights', 'tyres', 'testDrive', 'clean'] : ['result'];
  return keys.map((k) => ({ label: t(`appointment.qc.defaultItem.${k}`), passed: true, note: '' }));
}

/**
 * The quality-control report (S4): a checklist of pass/fail lines with a
 * note for what failed, the inspector (never the technician who did the
 * work) and the overall result, a pass only when every line passed. Space
 * on a line's button flips it; Ctrl+Enter records the report.
 */
export function QcForm({ appointment, onFiled }: { appointment: Appointment; onFiled(detail: AppointmentDetail, result: QcResult): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useSession((s) => s.actor);
  const [lines, setLines] = useState<Line[]>(() => startingLines(appointment, t));
  const [inspectorId, setInspectorId] = useState('');
  const [staff, setStaff] = useState<Technician[]>([]);
  const [result, setResult] = useState<QcResult | 'auto'>('auto');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('appointments.technicians', {}).then((r) => {
      if (!r.ok) return;
      const others = r.value.technicians.filter((x) => x.id !== appointment.technicianId);
      setStaff(others);
      setInspectorId((current) => current || (others.find((x) => x.id === me?.userId) ?? others[0])?.id || '');
    });
  }, [appointment.technicianId, me?.userId]);

  const anyFailed = lines.some((l) => !l.passed);
  const overall: QcResult = result === 'auto' ? (anyFailed ? 'fail' : 'pass') : result;
  const update = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  async function save() {
    if (saving) return;
    setSaving(true);
    const r = await call('appointments.fileQc', {
      appointmentId: appointment.id,
      items: lines.map((l) => ({ label: l.label, passed: l.passed, ...(l.note.trim() ? { note: l.note } : {}) })),
      ...(result !== 'auto' ? { result } : {}),
      ...(inspectorId ? { inspectorId } : {}),
      ...(notes.trim() ? { notes } : {}),
    });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setLines(startingLines(appointment, t));
    setResult('auto');
    setNotes('');
    onFiled(r.value.appointment, r.value.report.result);
  }

  const fieldError = (path: string) => {
    const issue = error?.fields?.find((f) => f.path.join('.') === path);
    return issue ? fieldText(issue, locale) : null;
  };
  // Enter in a line moves nowhere and records nothing (a report is not sent by accident); Ctrl+Enter records it.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.target instanceof HTMLButtonElement) return;
    if (event.ctrlKey) {
      event.preventDefault();
      void save();
    } else if (!(event.target instanceof HTMLTextAreaElement)) event.preventDefault();
  };

  return (
    <form
      className="card qc-form"
      aria-labelledby="qc-form-title"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="card-title-row">
        <h2 className="form-card__title" id="qc-form-title">{t('appointment.qc.formTitle')}</h2>
        <span className={`qc-result qc-result--${overall}`} aria-live="polite">{t('appointment.qc.overallIs', { result: t(`appointment.qc.result.${overall}`) })}</span>
      </div>
      <p className="muted">{t('appointment.qc.formHint')}</p>
      {error && <ErrorBanner error={error} />}
      {fieldError('items') && <span className="field__error" role="alert">{fieldError('items')}</span>}
      <ol className="qc-lines">
        {lines.map((line, i) => (
          <li key={i} className={`qc-line ${line.passed ? '' : 'qc-line--fail'}`}>
            <input
              className="input qc-line__label"
              value={line.label}
              aria-label={t('appointment.qc.itemLabel', { n: i + 1 })}
              aria-invalid={Boolean(fieldError(`items.${i}.label`))}
              onChange={(e) => update(i, { label: e.target.value })}
            />
            <button
              type="button"
              className={`qc-toggle qc-toggle--${line.passed ? 'pass' : 'fail'}`}
              aria-pressed={!line.passed}
              aria-label={t('appointment.qc.toggle', { label: line.label || i + 1, result: t(`appointment.qc.result.${line.passed ? 'pass' : 'fail'}`) })}
              onClick={() => update(i, { passed: !line.passed })}
            >
              {line.passed ? `✓ ${t('appointment.qc.result.pass')}` : `✗ ${t('appointment.qc.result.fail')}`}
            </button>
            <input
              className="input qc-line__note"
              value={line.note}
              placeholder={line.passed ? t('appointment.qc.notePassed') : t('appointment.qc.noteFailed')}
              aria-label={t('appointment.qc.itemNote', { n: i + 1 })}
              aria-invalid={Boolean(fieldError(`items.${i}.note`))}
              onChange={(e) => update(i, { note: e.target.value })}
            />
            <button type="button" className="icon-button" aria-label={t('appointment.qc.removeItem', { n: i + 1 })} disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
              ×
            </button>
            {(fieldError(`items.${i}.note`) || fieldError(`items.${i}.label`)) && (
              <span className="field__error qc-line__error" role="alert">{fieldError(`items.${i}.note`) ?? fieldError(`items.${i}.label`)}</span>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small button--quiet" onClick={() => setLines((ls) => [...ls, { label: '', passed: true, note: '' }])} disabled={lines.length >= 25}>
        + {t('appointment.qc.addItem')}
      </button>
      <div className="qc-form__row">
        <label className="field">
          <span className="field__label">{t('appointment.qc.inspector')}</span>
          <select className="select" value={inspectorId} onChange={(e) => setInspectorId(e.target.value)} aria-invalid={Boolean(fieldError('inspectorId'))}>
            {staff.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
          {fieldError('inspectorId') && <span className="field__error" role="alert">{fieldError('inspectorId')}</span>}
        </label>
        <label className="field">
          <span className="field__label">{t('appointment.qc.overall')}</span>
          <select className="select" value={result} onChange={(e) => setResult(e.target.value as QcResult | 'auto')} aria-invalid={Boolean(fieldError('result'))}>
            <option value="auto">{t('appointment.qc.auto')}</option>
            <option value="pass">{t('appointment.qc.result.pass')}</option>
            <option value="fail">{t('appointment.qc.result.fail')}</option>
          </select>
          {fieldError('result') && <span className="field__error" role="alert">{fieldError('result')}</span>}
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('appointment.qc.notes')}</span>
        <textarea className="textarea" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} aria-invalid={Boolean(fieldError('notes'))} />
        {fieldError('notes') && <span className="field__error" role="alert">{fieldError('notes')}</span>}
      </label>
      <footer className="dialog__footer">
        <span className="muted dialog__keys">
          <kbd>Space</kbd> {t('appointment.qc.keysToggle')} · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('appointment.qc.save')}
        </span>
        <button type="submit" className={`button ${overall === 'fail' ? 'button--danger' : 'button--primary'}`} disabled={saving}>
          {saving ? t('common.saving') : t(overall === 'fail' ? 'appointment.qc.saveFail' : 'appointment.qc.save')}
        </button>
      </footer>
    </form>
  );
}
