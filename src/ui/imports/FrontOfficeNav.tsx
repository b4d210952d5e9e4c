import { useTranslation } from 'react-i18next';
import type { Route } from '../app/router.js';
import { canCall } from '../lib/access.js';
import { useSession } from '../session/sessionStore.js';

/** Navigation to imports and the audit log, for the roles the contract lets in. */
export function FrontOfficeNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const importScreen = route.name === 'imports' || route.name === 'importNew' || route.name === 'importBatch';
  return (
    <>
      {canCall('imports.list', role) && (
        <a className={`nav-item ${importScreen ? 'nav-item--active' : ''}`} href="#/imports" aria-current={route.name === 'imports' ? 'page' : undefined}>
          <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
            <path d="M10 3v9M6.5 8.5 10 12l3.5-3.5M4 13.5v2.5h12v-2.5" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('frontNav.imports')}
        </a>
      )}
      {canCall('audit.list', role) && (
        <a className={`nav-item ${route.name === 'audit' ? 'nav-item--active' : ''}`} href="#/audit" aria-current={route.name === 'audit' ? 'page' : undefined}>
          <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
            <path d="M6 3.5h6l3 3v10H6zM12 3.5v3h3M8.5 10h4M8.5 13h4" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('frontNav.audit')}
        </a>
      )}
    </>
  );
}
