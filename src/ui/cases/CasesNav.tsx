import { useTranslation } from 'react-i18next';
import type { Route } from '../app/router.js';

/** "Keluhan" in the front-office navigation. */
export function CasesNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const here = route.name === 'cases' || route.name === 'case';
  return (
    <a className={`nav-item ${here ? 'nav-item--active' : ''}`} href="#/cases" aria-current={route.name === 'cases' ? 'page' : undefined}>
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M4 4.5h12v8.5H9l-3.5 3v-3H4zM10 7v2.5M10 11.5v.01" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('cases.nav')}
    </a>
  );
}
