import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { currentLocale } from '../i18n/index.js';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CASE_KINDS, PRIORITIES, routeCase, type CaseDetail, type CaseKind, type CaseSettings, type Priority } from '../../shared/domain/case.js';
import { CHANNELS, type Channel } from '../../shared/domain/interaction.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { ChoiceGroup } from '../interactions/ChoiceGroup.js';
import { categoryLabel } from './caseText.js';
import './cases.css';

/**
 * Open a case in seconds (S1): the subject has the focus, Tab goes to the
 * category (arrow keys or the first letter choose), the priority and the
 * channel; Enter saves, Escape closes. The department the routing rules
 * will pick is shown as the category changes, before saving.
 */
export function OpenCaseDialog({ customerId, customerName, preferred, onClose, onSaved }: {
  customerId: string;
  customerName: string;
  preferred: Channel | null;
  onClose(): void;
  onSaved(c: CaseDetail): void;
}) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<CaseSettings | null>(null);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [channel, setChannel] = useState<Channel>(preferred ?? 'visit');
  const [kind, setKind] = useState<CaseKind>('complaint');
  const [description, setDescription] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void call('cases.settings.get', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setSettings(r.value);
      setCategory((c) => c || r.value.categories[0]?.code || '');
    });
    void call('cases.staff', {}).then((r) => r.ok && setStaff(r.value.items));
  }, []);

  // Closing returns focus to where the clerk was.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    return () => previous?.focus?.();
  }, []);

  const route = settings && category ? routeCase(settings, category) : null;
  const fields = fieldErrorsOf(error);

  async function save() {
    if (saving) return;
    setSaving(true);
    const result = await call('cases.open', {
      customerId,
      kind,
      channel,
      category,
      priority,
      subject,
      description: description.trim() === '' ? null : description,
      ...(assigneeId ? { assigneeId } : {}),
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
      void save();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog case-dialog card" role="dialog" aria-modal="true" aria-labelledby="open-case-title" ref={dialogRef} onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="open-case-title">{t('cases.open.title')}</h2>
          <p className="muted">{customerName}</p>
        </header>
        {error && <ErrorBanner error={error} />}
        <label className="field">
          <span className="field__label">{t('cases.open.subject')}</span>
          <input
            className="input"
            value={subject}
            autoFocus
            maxLength={200}
            aria-invalid={fields.subject ? true : undefined}
            placeholder={t('cases.open.subjectHint')}
            onChange={(e) => setSubject(e.target.value)}
          />
          {fields.subject && <span className="field__error">{fields.subject.message}</span>}
        </label>
        {settings && (
          <div className="case-dialog__route">
            <ChoiceGroup<string>
              label={t('cases.open.category')}
              options={settings.categories.map((c) => c.code)}
              value={category}
              onChange={setCategory}
              labelOf={(code) => categoryLabel(currentLocale(), code, settings.categories)}
              className="choice-group__options--wide"
            />
            {route && (
              <p className="case-dialog__routes-to" role="status" data-testid="routes-to">
                → {t(route.routedBy === 'rule' ? 'cases.open.routesTo' : 'cases.open.routesToDefault', { department: t(`cases.department.${route.department}`) })}
              </p>
            )}
          </div>
        )}
        <div className="quick-log__row">
          <ChoiceGroup<Priority> label={t('cases.open.priority')} options={PRIORITIES} value={priority} onChange={setPriority} labelOf={(p) => t(`cases.priority.${p}`)} />
          <ChoiceGroup<CaseKind> label={t('cases.open.kind')} options={CASE_KINDS} value={kind} onChange={setKind} labelOf={(k) => t(`cases.kind.${k}`)} />
        </div>
        <ChoiceGroup<Channel> label={t('cases.open.channel')} options={CHANNELS} value={channel} onChange={setChannel} labelOf={(c) => t(`channel.${c}`)} className="choice-group__options--wide" />
        <div className="quick-log__row quick-log__row--notes">
          <label className="field">
            <span className="field__label">{t('cases.open.description')}</span>
            <textarea className="textarea" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t('cases.open.assignee')}</span>
            <select className="select" aria-label={t('cases.open.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
              <option value="">{t('cases.open.nobody')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>Tab</kbd> {t('interaction.keysNext')} · <kbd>←</kbd>
            <kbd>→</kbd> {t('interaction.keysChoose')} · <kbd>Enter</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={saving || !settings} onClick={() => void save()}>
            {saving ? t('common.saving') : t('cases.open.save')}
          </button>
        </footer>
      </div>
    </div>
  );
}
