import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { ASSET_KINDS, DUE_KINDS, type Asset } from '../../shared/domain/profile.js';
import { formatCalendarDate, isIsoDate, todayIn, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { DateInput } from '../design/DateInput.js';

interface AssetDraft {
  id?: string;
  kind: Asset['kind'];
  label: string;
  identifier: string;
  year: string;
  dueKind: Asset['dueKind'] | '';
  dueDate: string;
  notes: string;
}

const blank = (): AssetDraft => ({ kind: 'vehicle', label: '', identifier: '', year: '', dueKind: '', dueDate: '', notes: '' });

/** C4: what the customer owns from us, soonest due date first; a late one is marked. */
export function AssetsTab({ customerId, assets, zone, readOnly, onChanged }: { customerId: string; assets: Asset[]; zone: BranchTimeZone; readOnly: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [draft, setDraft] = useState<AssetDraft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const today = todayIn(zone);
  const errors = fieldErrorsOf(error);
  const messageOf = (key: string) => (errors[key] ? fieldText(errors[key], locale) : null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const result = await call('assets.save', {
      ...(draft.id ? { id: draft.id } : {}),
      customerId,
      kind: draft.kind,
      label: draft.label,
      identifier: draft.identifier,
      year: draft.year.trim() === '' ? null : Number(draft.year),
      dueKind: draft.dueKind === '' ? null : draft.dueKind,
      dueDate: draft.dueDate,
      notes: draft.notes,
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    setDraft(null);
    onChanged();
  }

  async function remove(id: string) {
    const result = await call('assets.remove', { id });
    if (!result.ok) return setError(result.error);
    onChanged();
  }

  const set = <K extends keyof AssetDraft>(key: K, value: AssetDraft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  return (
    <div className="assets">
      {error && !draft && <ErrorBanner error={error} />}
      {!readOnly && !draft && (
        <div>
          <button type="button" className="button button--primary" onClick={() => setDraft(blank())}>
            + {t('asset.add')}
          </button>
        </div>
      )}
      {draft && (
        <form className="card form-card" onSubmit={save} aria-label={t('asset.formTitle')}>
          <h2 className="form-card__title">{draft.id ? t('asset.editTitle') : t('asset.formTitle')}</h2>
          {error && <ErrorBanner error={error} />}
          <div className="form-fields form-fields--3">
            <Field label={t('asset.kindLabel')} error={messageOf('kind')}>
              {(p) => (
                <select {...p} className="select" value={draft.kind} onChange={(e) => set('kind', e.target.value as Asset['kind'])} autoFocus>
                  {ASSET_KINDS.map((k) => <option key={k} value={k}>{t(`asset.kind.${k}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('asset.label')} required error={messageOf('label')} hint={t('asset.labelHint')}>
              {(p) => <input {...p} className="input" value={draft.label} onChange={(e) => set('label', e.target.value)} />}
            </Field>
            <Field label={t('asset.identifier')} error={messageOf('identifier')} hint={t('asset.identifierHint')}>
              {(p) => <input {...p} className="input" value={draft.identifier} onChange={(e) => set('identifier', e.target.value)} />}
            </Field>
            <Field label={t('asset.year')} error={messageOf('year')}>
              {(p) => <input {...p} className="input tabular" inputMode="numeric" maxLength={4} value={draft.year} onChange={(e) => set('year', e.target.value.replace(/\D/g, ''))} />}
            </Field>
            <Field label={t('asset.dueKindLabel')} error={messageOf('dueKind')}>
              {(p) => (
                <select {...p} className="select" value={draft.dueKind ?? ''} onChange={(e) => set('dueKind', e.target.value as AssetDraft['dueKind'])}>
                  <option value="">{t('asset.noDue')}</option>
                  {DUE_KINDS.map((k) => <option key={k} value={k}>{t(`asset.due.${k}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('asset.dueDate')} error={messageOf('dueDate')} hint={isIsoDate(draft.dueDate) ? formatCalendarDate(draft.dueDate, locale) : t('form.dateHint')}>
              {(p) => <DateInput id={p.id} value={draft.dueDate} invalid={p['aria-invalid']} describedBy={p['aria-describedby']} onChange={(v) => set('dueDate', v)} />}
            </Field>
            <Field label={t('customer.notes')} error={messageOf('notes')} className="span-3">
              {(p) => <input {...p} className="input" value={draft.notes} onChange={(e) => set('notes', e.target.value)} />}
            </Field>
          </div>
          <div className="form-card__actions">
            <button type="button" className="button" onClick={() => { setDraft(null); setError(null); }}>{t('common.cancel')}</button>
            <button type="submit" className="button button--primary">{t('common.save')}</button>
          </div>
        </form>
      )}
      {assets.length === 0 ? (
        <p className="muted">{t('asset.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('asset.kindLabel')}</th>
              <th>{t('asset.label')}</th>
              <th>{t('asset.identifier')}</th>
              <th>{t('asset.dueTitle')}</th>
              <th><span className="visually-hidden">{t('asset.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {assets.map((a) => (
              <tr key={a.id}>
                <td>{t(`asset.kind.${a.kind}`)}</td>
                <td>
                  <strong>{a.label}</strong>
                  {a.year ? <span className="muted"> · {a.year}</span> : null}
                  {a.notes && <div className="muted">{a.notes}</div>}
                </td>
                <td className="mono">{a.identifier}</td>
                <td>
                  {a.dueDate ? (
                    <span className={`due ${a.dueDate < today ? 'due--late' : ''}`}>
                      {t(`asset.due.${a.dueKind ?? 'other'}`)} · {formatCalendarDate(a.dueDate, locale)}
                      {a.dueDate < today && <span className="flag flag--invalid">{t('asset.late')}</span>}
                    </span>
                  ) : (
                    <span className="muted">{t('asset.noDue')}</span>
                  )}
                </td>
                <td className="data-table__actions">
                  {!readOnly && (
                    <>
                      <button type="button" className="button button--small" onClick={() => setDraft({ id: a.id, kind: a.kind, label: a.label, identifier: a.identifier ?? '', year: a.year ? String(a.year) : '', dueKind: a.dueKind ?? '', dueDate: a.dueDate ?? '', notes: a.notes ?? '' })}>
                        {t('asset.change')}
                      </button>
                      <button type="button" className="button button--small button--danger" onClick={() => void remove(a.id)}>
                        {t('asset.remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
