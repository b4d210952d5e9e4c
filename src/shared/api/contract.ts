import type { z } from 'zod';
import type { Procedure } from './procedure.js';
import { accessProcedures } from './procedures/access.js';
import { customerProcedures } from './procedures/customers.js';
import { systemProcedures } from './procedures/system.js';
import { syncProcedures } from './procedures/sync.js';
import { profileProcedures } from './procedures/profile.js';
import { interactionProcedures } from './procedures/interactions.js';
import { importProcedures } from './procedures/imports.js';
import { reportProcedures } from './procedures/reports.js';
import { segmentProcedures } from './procedures/segments.js';
import { catalogueProcedures } from './procedures/catalogue.js';
import { appointmentProcedures } from './procedures/appointments.js';
import { caseProcedures } from './procedures/cases.js';
import { orderProcedures } from './procedures/orders.js';
import { agendaProcedures } from './procedures/agenda.js';

export { actorSchema, branchInfoSchema, userSchema } from './fields.js';

/**
 * The one contract. Every procedure the UI, the CLI or a test can call is
 * declared once, in its feature's file under procedures/: its name, input,
 * output and who may call it. The branch dispatcher runs it; the three
 * transports (Electron IPC, HTTP in browser mode, in-memory in tests) only
 * carry (method, input) and the Result back. A new feature adds a file there,
 * one line here, and its handlers in its own folder.
 */
export const contract = {
  ...accessProcedures,
  ...customerProcedures,
  ...systemProcedures,
  ...syncProcedures,
  ...profileProcedures,
  ...interactionProcedures,
  ...importProcedures,
  ...reportProcedures,
  ...segmentProcedures,
  ...catalogueProcedures,
  ...appointmentProcedures,
  ...caseProcedures,
  ...orderProcedures,
  ...agendaProcedures,
} satisfies Record<string, Procedure>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
