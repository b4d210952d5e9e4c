import { useTranslation } from 'react-i18next';
import type { Route } from '../app/router.js';

/** "Agenda" in the front-office navigation. */
export function AgendaNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const here = route.name === 'agenda' || route.name === 'agendaRules';
  return (
    <a className={`nav-item ${here ? 'nav-item--active' : ''}`} href="#/agenda" aria-current={route.name === 'agenda' ? 'page' : undefined}>
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M4 5.5h12v10.5H4zM4 8.5h12M7.5 3.5v3M12.5 3.5v3M7 11.5l2 2 4-4" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('agenda.nav')}
    </a>
  );
}
