import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { Banner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { errorText } from '../lib/errorText.js';
import { otherIssues } from './orderForm.js';

/** An error with the reasons no field on screen shows (why a step is refused), so the clerk knows what to do. */
export function OrderErrorBanner({ error, shown = () => false }: { error: ApiError; shown?: (path: string) => boolean }) {
  useTranslation();
  const locale = currentLocale();
  const reasons = otherIssues(error, shown, locale);
  return (
    <Banner tone="error" title={errorText(error, locale)}>
      {reasons.length > 0 && (
        <ul className="order-error__reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </Banner>
  );
}
