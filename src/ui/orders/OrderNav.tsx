import { useTranslation } from 'react-i18next';
import type { Route } from '../app/router.js';

/** "Pesanan" in the front-office navigation. */
export function OrderNav({ route }: { route: Route }) {
  const { t } = useTranslation();
  const active = route.name === 'orders' || route.name === 'order' || route.name === 'orderNew' || route.name === 'orderEdit';
  return (
    <a className={`nav-item ${active ? 'nav-item--active' : ''}`} href="#/orders" aria-current={route.name === 'orders' ? 'page' : undefined}>
      <svg className="nav-item__icon" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M4 5h2l1.6 8h7.4l1.5-5.5H7M8.5 16.5h.01M14 16.5h.01" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('orders.title')}
    </a>
  );
}
