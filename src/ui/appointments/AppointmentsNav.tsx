import { useTranslation } from 'react-i18next';
import type { Route } from '../app/router.js';
import { canCall } from '../lib/access.js';
import { useSession } from '../session/sessionStore.js';

/** The shell's link to the day's service appointments. */
export function AppointmentsNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  if (!canCall('appointments.day', role)) return null;
  const active = route.name === 'appointments' || route.name === 'appointment';
  return (
    <a className={`nav-item ${active ? 'nav-item--active' : ''}`} href="#/appointments" aria-current={route.name === 'appointments' ? 'page' : undefined}>
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M4 5.5h12v11H4zM4 9h12M7.5 3.5v3M12.5 3.5v3M7 12.5l1.8 1.8 3.7-3.6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('appointment.nav')}
    </a>
  );
}
