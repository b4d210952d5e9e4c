import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { errorText } from '../lib/errorText.js';
import { currentLocale } from '../i18n/index.js';

interface BannerProps {
  tone: 'error' | 'warning' | 'info' | 'success';
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

export function Banner({ tone, title, children, action }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="banner__body">
        {title && <div className="banner__title">{title}</div>}
        {children}
      </div>
      {action}
    </div>
  );
}

/** An API error in the UI's language, from the shared ERRORS table. */
export function ErrorBanner({ error, action }: { error: ApiError; action?: ReactNode }) {
  useTranslation(); // re-render on language change
  return <Banner tone="error" title={errorText(error, currentLocale())} action={action} />;
}
