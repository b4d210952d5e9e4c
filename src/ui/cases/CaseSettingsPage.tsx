import { useEffect, useState } from 'react';
import { currentLocale } from '../i18n/index.js';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { DEPARTMENTS, PRIORITIES, type CaseSettings, type Department } from '../../shared/domain/case.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { canCall } from '../lib/access.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { useSession } from '../session/sessionStore.js';
import { categoryLabel, codeFromLabel } from './caseText.js';
import './cases.css';

/** Hours as typed: "1,5" or "1.5" or "8". Anything else stays text, for the contract to refuse with its message. */
function hours(value: string): number | string {
  const n = Number(value.trim().replace(',', '.'));
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

type Draft = Omit<CaseSettings, 'sla' | 'headOfficeAfterHours'> & {
  sla: Record<(typeof PRIORITIES)[number], { firstResponseHours: string; resolutionHours: string }>;
  headOfficeAfterHours: string;
};

const toDraft = (s: CaseSettings): Draft => ({
  ...s,
  sla: Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponseHours: String(s.sla[p].firstResponseHours), resolutionHours: String(s.sla[p].resolutionHours) }])) as Draft['sla'],
  headOfficeAfterHours: String(s.headOfficeAfterHours),
});

/**
 * The branch's routing rules (category -> department, with a default) and
 * SLA targets per priority. The branch manager changes them; everyone else
 * reads them. Cases already open keep the deadlines they were given.
 */
export function CaseSettingsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const editable = canCall('cases.settings.update', role);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // Rows added on this page whose code still follows the label as it is typed (until the code is edited by hand).
  const [autoCode, setAutoCode] = useState<boolean[]>([]);

  useEffect(() => {
    void call('cases.settings.get', {}).then((r) => (r.ok ? setDraft(toDraft(r.value)) : setError(r.error)));
  }, []);

  if (!draft) return <div className="cases-page">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const fields = fieldErrorsOf(error);
  const fieldError = (path: string) => fields[path] && <span className="field__error">{fields[path].message}</span>;
  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
    setError(null);
  };
  const setCategory = (i: number, patch: Partial<Draft['categories'][number]>) => change({ categories: draft.categories.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setLabel = (i: number, label: string) => setCategory(i, autoCode[i] ? { label, code: codeFromLabel(label) } : { label });
  const setCode = (i: number, code: string) => {
    setAutoCode((a) => a.map((x, j) => (j === i ? false : x)));
    setCategory(i, { code: code.toLowerCase() });
  };

  async function save() {
    if (!draft) return;
    setBusy(true);
    const input = {
      categories: draft.categories,
      defaultDepartment: draft.defaultDepartment,
      sla: Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponseHours: hours(draft.sla[p].firstResponseHours), resolutionHours: hours(draft.sla[p].resolutionHours) }])),
      headOfficeAfterHours: hours(draft.headOfficeAfterHours),
    };
    const r = await call('cases.settings.update', input as CaseSettings);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setDraft(toDraft(r.value));
    setAutoCode([]);
    setSaved(true);
  }

  return (
    <div className="cases-page case-settings">
      <header>
        <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'cases' })}>
          ← {t('cases.detail.back')}
        </button>
        <h1>{t('cases.settings.title')}</h1>
        <p className="muted">{t(editable ? 'cases.settings.intro' : 'cases.settings.readOnly')}</p>
      </header>
      {error && <ErrorBanner error={error} />}
      {saved && <Banner tone="success" title={t('cases.settings.saved')} />}

      <section className="card case-card" aria-labelledby="routing-title">
        <h2 id="routing-title" className="case-card__title">
          {t('cases.settings.routing')}
        </h2>
        <table className="cases-table case-settings__table">
          <thead>
            <tr>
              <th>{t('cases.settings.label')}</th>
              <th>{t('cases.settings.code')}</th>
              <th>{t('cases.field.department')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.categories.map((c, i) => (
              <tr key={i}>
                <td className="case-settings__label">
                  <input className="input" aria-label={`${t('cases.settings.label')} ${i + 1}`} value={c.label} disabled={!editable} onChange={(e) => setLabel(i, e.target.value)} />
                  {fieldError(`categories.${i}.label`)}
                  {categoryLabel(currentLocale(), c.code, draft.categories) !== c.label.trim() && c.label.trim() !== '' && (
                    <span className="muted case-settings__shown">{t('cases.settings.shownAs', { label: categoryLabel(currentLocale(), c.code, draft.categories) })}</span>
                  )}
                </td>
                <td className="case-settings__code">
                  <input className="input mono" aria-label={`${t('cases.settings.code')} ${i + 1}`} value={c.code} disabled={!editable} onChange={(e) => setCode(i, e.target.value)} />
                  {fieldError(`categories.${i}.code`)}
                </td>
                <td>
                  <select
                    className="select"
                    aria-label={`${t('cases.field.department')} ${i + 1}`}
                    value={c.department ?? ''}
                    disabled={!editable}
                    onChange={(e) => setCategory(i, { department: (e.target.value || null) as Department | null })}
                  >
                    <option value="">{t('cases.settings.useDefault', { department: t(`cases.department.${draft.defaultDepartment}`) })}</option>
                    {DEPARTMENTS.map((d) => (
                      <option key={d} value={d}>
                        {t(`cases.department.${d}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="data-table__actions">
                  {editable && draft.categories.length > 1 && (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      aria-label={t('cases.settings.removeNamed', { name: c.label || c.code || i + 1 })}
                      onClick={() => {
                        setAutoCode((a) => a.filter((_, j) => j !== i));
                        change({ categories: draft.categories.filter((_, j) => j !== i) });
                      }}
                    >
                      {t('cases.settings.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted case-settings__hint">{t('cases.settings.codeHint')}</p>
        <div className="case-inline">
          {editable && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setAutoCode((a) => [...a.concat(Array(Math.max(0, draft.categories.length - a.length)).fill(false)), true]);
                change({ categories: [...draft.categories, { code: '', label: '', department: null }] });
              }}
            >
              {t('cases.settings.add')}
            </button>
          )}
          <label className="field case-settings__default">
            <span className="field__label">{t('cases.settings.defaultDepartment')}</span>
            <select className="select" aria-label={t('cases.settings.defaultDepartment')} value={draft.defaultDepartment} disabled={!editable} onChange={(e) => change({ defaultDepartment: e.target.value as Department })}>
              {DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {t(`cases.department.${d}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>

      <section className="card case-card" aria-labelledby="sla-title">
        <h2 id="sla-title" className="case-card__title">
          {t('cases.settings.sla')}
        </h2>
        <table className="cases-table case-settings__table">
          <thead>
            <tr>
              <th>{t('cases.field.priority')}</th>
              <th>{t('cases.settings.firstResponseHours')}</th>
              <th>{t('cases.settings.resolutionHours')}</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <td>{t(`cases.priority.${p}`)}</td>
                {(['firstResponseHours', 'resolutionHours'] as const).map((k) => (
                  <td key={k}>
                    <input
                      className="input tabular case-settings__hours"
                      inputMode="decimal"
                      aria-label={`${t(`cases.settings.${k}`)} ${t(`cases.priority.${p}`)}`}
                      value={draft.sla[p][k]}
                      disabled={!editable}
                      onChange={(e) => change({ sla: { ...draft.sla, [p]: { ...draft.sla[p], [k]: e.target.value } } })}
                    />
                    {fieldError(`sla.${p}.${k}`)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field case-settings__default">
          <span className="field__label">{t('cases.settings.headOfficeAfterHours')}</span>
          <input className="input tabular case-settings__hours" inputMode="decimal" aria-label={t('cases.settings.headOfficeAfterHours')} value={draft.headOfficeAfterHours} disabled={!editable} onChange={(e) => change({ headOfficeAfterHours: e.target.value })} />
          {fieldError('headOfficeAfterHours')}
        </label>
      </section>

      {editable && (
        <div className="case-inline">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </div>
      )}
    </div>
  );
}
