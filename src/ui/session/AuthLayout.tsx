import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../design/LanguageSwitch.js';
import { BrandMark } from './BrandMark.js';
import './session.css';

/** The calm frame around setup and sign-in: brand, language switch, one card. */
export function AuthLayout({ title, subtitle, children, wide }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <header className="auth__top">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <main className={`auth__card card ${wide ? 'auth__card--wide' : ''}`}>
        <div className="auth__heading">
          <h1>{title}</h1>
          {subtitle && <p className="muted">{subtitle}</p>}
        </div>
        {children}
      </main>
      <footer className="auth__footer muted">{t('app.tagline')}</footer>
    </div>
  );
}
