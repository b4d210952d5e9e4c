import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api.js';
import type { Route } from '../app/router.js';

/** "Keluhan" in the front-office navigation, with how many active cases are past a deadline. */
export function CasesNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const here = route.name === 'cases' || route.name === 'case' || route.name === 'caseSettings';
  const [overdue, setOverdue] = useState(0);
  const routeKey = JSON.stringify(route);

  // Again on every screen change (a case was just worked) and every minute (deadlines pass by themselves).
  useEffect(() => {
    let live = true;
    const check = () => void call('cases.list', { limit: 1 }).then((r) => live && r.ok && setOverdue(r.value.overdueTotal));
    check();
    const timer = setInterval(check, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [routeKey]);

  return (
    <a className={`nav-item ${here ? 'nav-item--active' : ''}`} href="#/cases" aria-current={route.name === 'cases' ? 'page' : undefined}>
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M4 4.5h12v8.5H9l-3.5 3v-3H4zM10 7v2.5M10 11.5v.01" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('cases.nav')}
      {overdue > 0 && (
        <span className="nav-item__count" aria-label={t('cases.nav_overdue', { count: overdue })} data-testid="cases-overdue-count">
          {overdue}
        </span>
      )}
    </a>
  );
}
