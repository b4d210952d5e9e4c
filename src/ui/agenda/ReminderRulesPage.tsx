import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { REMINDER_RULES, type ReminderRule, type ReminderRules } from '../../shared/domain/agenda.js';
import { call } from '../app/api.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { canCall } from '../lib/access.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { useSession } from '../session/sessionStore.js';
import './agenda.css';

/** The number-of-days setting of each rule. */
const DAYS_KEY: Record<ReminderRule, string> = {
  birthday: 'daysAhead',
  purchase: 'daysAfter',
  case: 'daysAfter',
  asset: 'daysAhead',
  lapsed: 'days',
  never_reached: 'daysAfterRegistration',
};

/** The branch's reminder rules (T3): on or off and the number of days each; the branch manager changes them. */
export function ReminderRulesPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const canSave = canCall('reminders.saveRules', role);
  const [rules, setRules] = useState<ReminderRules | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    document.title = `${t('agenda.rules.title')} · Simpul`;
    void call('reminders.rules', {}).then((r) => (r.ok ? setRules(r.value) : setError(r.error)));
  }, [t]);

  if (!rules) return <div className="agenda-rules">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const setRule = (rule: ReminderRule, patch: Record<string, unknown>) => {
    setSaved(false);
    setRules({ ...rules, [rule]: { ...rules[rule], ...patch } });
  };
  const number = (value: string) => (value.trim() === '' || !/^\d+$/.test(value.trim()) ? (value as unknown as number) : Number(value));

  async function save() {
    if (!rules) return;
    const result = await call('reminders.saveRules', rules);
    if (!result.ok) return setError(result.error);
    setRules(result.value);
    setError(null);
    setSaved(true);
  }

  const sentence = (key: string) => {
    const [b, a] = t(key).split('…');
    return { b, a: a ?? '' };
  };

  return (
    <div className="agenda-rules">
      <header>
        <a className="button button--quiet button--small back-link" href="#/agenda">
          ← {t('agenda.rules.back')}
        </a>
        <h1>{t('agenda.rules.title')}</h1>
        <p className="muted">{t('agenda.rules.intro')}</p>
      </header>
      {!canSave && <Banner tone="info" title={t('agenda.rules.readOnly')} />}
      {error && <ErrorBanner error={error} />}
      {saved && <Banner tone="success" title={t('agenda.rules.saved')} />}
      <form
        className="agenda-rules__list"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {REMINDER_RULES.map((rule) => {
          const daysKey = DAYS_KEY[rule];
          const r = rules[rule] as unknown as { enabled: boolean } & Record<string, number>;
          const s = sentence(`agenda.rules.${rule}`);
          const path = `${rule}.${daysKey}`;
          return (
            <div key={rule} className="agenda-rules__rule" data-rule={rule}>
              <label className="checkbox">
                <input type="checkbox" checked={r.enabled} disabled={!canSave} onChange={(e) => setRule(rule, { enabled: e.target.checked })} />
                {t('agenda.rules.enabled')}
              </label>
              <label htmlFor={`rule-${rule}`}>
                {s.b}
                <strong>{r[daysKey]}</strong>
                {s.a}
                {fields[path] && <span className="field__error"> {fields[path].message}</span>}
              </label>
              <input
                id={`rule-${rule}`}
                className="input tabular"
                type="number"
                min={0}
                value={r[daysKey]}
                disabled={!canSave}
                aria-invalid={fields[path] ? true : undefined}
                aria-label={`${t(`agenda.source.${rule}`)} (${t('agenda.rules.days')})`}
                onChange={(e) => setRule(rule, { [daysKey]: number(e.target.value) })}
              />
            </div>
          );
        })}
        {(['overdueDays', 'limitPerRule'] as const).map((key) => {
          const s = sentence(`agenda.rules.${key}`);
          return (
            <div key={key} className="agenda-rules__rule">
              <span />
              <label htmlFor={`rule-${key}`}>
                {s.b}
                <strong>{rules[key]}</strong>
                {s.a}
                {fields[key] && <span className="field__error"> {fields[key].message}</span>}
              </label>
              <input
                id={`rule-${key}`}
                className="input tabular"
                type="number"
                min={0}
                value={rules[key]}
                disabled={!canSave}
                aria-invalid={fields[key] ? true : undefined}
                onChange={(e) => {
                  setSaved(false);
                  setRules({ ...rules, [key]: number(e.target.value) });
                }}
              />
            </div>
          );
        })}
        {canSave && (
          <div className="agenda-rules__rule">
            <span />
            <span />
            <button type="submit" className="button button--primary">
              {t('agenda.rules.save')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
