import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import type { FieldErrors } from '../lib/fieldErrors.js';
import type { CustomerDraft } from './customerDraft.js';

/**
 * The list at the top of the form after a refused save: which field, what is
 * wrong, in the words of FIELD_MESSAGES. The same messages stand next to the
 * fields themselves.
 */
export function FormErrorSummary({ error, errors, draft }: { error: ApiError; errors: FieldErrors; draft: CustomerDraft }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const entries = Object.entries(errors).sort(([a], [b]) => formOrder(a, draft) - formOrder(b, draft));
  return (
    <div className="form-summary" data-testid="form-error-summary">
      <ErrorBanner error={error} />
      {entries.length > 0 && (
        <ul className="form-summary__list">
          {entries.map(([key, issue]) => (
            <li key={key}>
              <strong>{labelFor(key, draft, t)}</strong>: {fieldText(issue, locale)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const FIELD_ORDER = ['fullName', 'nickname', 'nik', 'birthDate', 'gender', 'occupation', 'phones', 'emails', 'address', 'lifecycleStage', 'tags', 'notes'];

/** Where a field sits in the form, so the summary reads top to bottom like the form. */
function formOrder(key: string, draft: CustomerDraft): number {
  const [first, second] = key.split('.');
  const position = FIELD_ORDER.indexOf(first);
  const base = (position < 0 ? FIELD_ORDER.length : position) * 100;
  const rows: { key: string }[] = first === 'phones' ? draft.phones : first === 'emails' ? draft.emails : [];
  const row = rows.findIndex((r) => r.key === second);
  return base + (row < 0 ? 0 : row + 1);
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function labelFor(key: string, draft: CustomerDraft, t: Translate): string {
  const [first, second, third] = key.split('.');
  if (first === 'phones' && second) {
    const n = draft.phones.findIndex((p) => p.key === second) + 1;
    if (third === 'label') return `${t('customer.phoneNumber', { n })} · ${t('customer.phoneLabel')}`;
    return n > 0 ? t('customer.phoneNumber', { n }) : t('customer.phones');
  }
  if (first === 'emails' && second) {
    const n = draft.emails.findIndex((e) => e.key === second) + 1;
    return n > 0 ? t('customer.emailNumber', { n }) : t('customer.emails');
  }
  if (first === 'address' && second) {
    const labels: Record<string, string> = { line: 'customer.addressLine', city: 'customer.city', province: 'customer.province', postalCode: 'customer.postalCode' };
    return t(labels[second] ?? 'customer.address');
  }
  if (first === 'tags') return t('customer.tags');
  const labels: Record<string, string> = {
    fullName: 'customer.fullName',
    nickname: 'customer.nickname',
    nik: 'customer.nik',
    birthDate: 'customer.birthDate',
    gender: 'customer.gender',
    occupation: 'customer.occupation',
    phones: 'customer.phones',
    emails: 'customer.emails',
    lifecycleStage: 'customer.lifecycleStage',
    notes: 'customer.notes',
  };
  return labels[first] ? t(labels[first]) : key;
}
