import { contract, type Method } from '../../shared/api/contract.js';
import type { Role } from '../../shared/api/procedure.js';

/** Whether a role may call a procedure: the contract's access list decides what the UI offers. */
export function canCall(method: Method, role: Role | undefined): boolean {
  const access = contract[method].access;
  if (access === 'anonymous') return true;
  return role !== undefined && access.roles.includes(role);
}
