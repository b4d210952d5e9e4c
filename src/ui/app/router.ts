import { useSyncExternalStore } from 'react';

/**
 * Hash routes, so the same build works from http://127.0.0.1 and app://simpul/.
 *   #/customers             list and search
 *   #/customers/new         register a customer
 *   #/customers/<id>        profile
 *   #/customers/<id>/edit   edit the profile
 *   #/reports               back-office reporting window
 *   #/imports               imports of this branch; #/imports/new the wizard; #/imports/<id> one import
 *   #/audit                 the audit log
 *   #/sync                  head-office connection and sync schedule
 *   #/sync/conflicts        conflict review
 *   #/cases                 cases (complaints and requests); #/cases/<id> one case; #/cases/settings routing and SLA
 *   #/appointments          today's service appointments per technician; #/appointments/day/<yyyy-mm-dd> another day
 *   #/appointments/<id>     one appointment: status of the work, history, quality control
 *   #/orders                orders of this branch; #/orders/<id> one order
 *   #/customers/<id>/order  a new order for the customer
 *   #/agenda                today's (or the week's) agenda; #/agenda/rules the reminder rules
 */
export type Route =
  | { name: 'customers' }
  | { name: 'customerNew' }
  | { name: 'customer'; id: string }
  | { name: 'customerEdit'; id: string }
  | { name: 'reports' }
  | { name: 'imports' }
  | { name: 'importNew' }
  | { name: 'importBatch'; id: string }
  | { name: 'audit' }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'caseSettings' }
  | { name: 'appointments'; date?: string }
  | { name: 'appointment'; id: string }
  | { name: 'orders' }
  | { name: 'order'; id: string }
  | { name: 'orderNew'; customerId: string }
  | { name: 'agenda' }
  | { name: 'agendaRules' }
  | { name: 'orderEdit'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0];
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'reports') return { name: 'reports' };
  if (parts[0] === 'imports' && parts[1] === 'new') return { name: 'importNew' };
  if (parts[0] === 'imports' && parts[1]) return { name: 'importBatch', id: parts[1] };
  if (parts[0] === 'imports') return { name: 'imports' };
  if (parts[0] === 'audit') return { name: 'audit' };
  if (parts[0] === 'agenda') return parts[1] === 'rules' ? { name: 'agendaRules' } : { name: 'agenda' };
  if (parts[0] === 'cases' && parts[1] === 'settings') return { name: 'caseSettings' };
  if (parts[0] === 'cases') return parts[1] ? { name: 'case', id: parts[1] } : { name: 'cases' };
  if (parts[0] === 'sync') return parts[1] === 'conflicts' ? { name: 'conflicts' } : { name: 'sync' };
  if (parts[0] === 'appointments' && parts[1] === 'day' && parts[2]) return { name: 'appointments', date: parts[2] };
  if (parts[0] === 'appointments' && parts[1]) return { name: 'appointment', id: parts[1] };
  if (parts[0] === 'appointments') return { name: 'appointments' };
  if (parts[0] === 'orders' && parts[1] && parts[2] === 'edit') return { name: 'orderEdit', id: parts[1] };
  if (parts[0] === 'orders' && parts[1]) return { name: 'order', id: parts[1] };
  if (parts[0] === 'orders') return { name: 'orders' };
  if (parts[0] === 'customers' && parts[1] && parts[2] === 'order') return { name: 'orderNew', customerId: parts[1] };
  if (parts[0] === 'customers' && parts[1] === 'new') return { name: 'customerNew' };
  if (parts[0] === 'customers' && parts[1] && parts[2] === 'edit') return { name: 'customerEdit', id: parts[1] };
  if (parts[0] === 'customers' && parts[1]) return { name: 'customer', id: parts[1] };
  return { name: 'customers' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'customers':
      return '/customers';
    case 'customerNew':
      return '/customers/new';
    case 'customer':
      return `/customers/${encodeURIComponent(route.id)}`;
    case 'customerEdit':
      return `/customers/${encodeURIComponent(route.id)}/edit`;
    case 'imports':
      return '/imports';
    case 'importNew':
      return '/imports/new';
    case 'importBatch':
      return `/imports/${encodeURIComponent(route.id)}`;
    case 'audit':
      return '/audit';
    case 'reports':
      return '/reports';
    case 'sync':
      return '/sync';
    case 'conflicts':
      return '/sync/conflicts';
    case 'cases':
      return '/cases';
    case 'agenda':
      return '/agenda';
    case 'agendaRules':
      return '/agenda/rules';
    case 'case':
      return `/cases/${encodeURIComponent(route.id)}`;
    case 'caseSettings':
      return '/cases/settings';
    case 'appointments':
      return route.date ? `/appointments/day/${encodeURIComponent(route.date)}` : '/appointments';
    case 'appointment':
      return `/appointments/${encodeURIComponent(route.id)}`;
    case 'orders':
      return '/orders';
    case 'order':
      return `/orders/${encodeURIComponent(route.id)}`;
    case 'orderNew':
      return `/customers/${encodeURIComponent(route.customerId)}/order`;
    case 'orderEdit':
      return `/orders/${encodeURIComponent(route.id)}/edit`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = `#${routePath(route)}`;
  if (options.replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
