import type { BranchDatabase } from './db/open.js';
import { AuthService } from './auth/service.js';
import { CustomerService } from './customers/service.js';
import { SetupService } from './setup/service.js';
import { TransactionService } from './transactions/service.js';
import { ChangeCapture } from './sync/capture.js';
import { RowApplier, customerHooks, withReportRollups } from './sync/apply.js';
import { SyncEngine } from './sync/engine.js';
import type { SyncTarget } from './sync/target.js';
import type { SyncScheduler } from './sync/scheduler.js';
import type { CoreEvent } from '../shared/api/transport.js';
import { AuditLog } from './audit/service.js';
import { ProfileService } from './profile/service.js';
import { InteractionService } from './interactions/service.js';
import { ImportService } from './imports/service.js';
import { ExportService } from './exports/service.js';
import { ReportService } from './reports/service.js';
import type { ReportRunner } from './reports/runner.js';
import { CatalogueService } from './catalogue/service.js';
import { AppointmentService } from './appointments/service.js';
import { CaseService } from './cases/service.js';
import { OrderService } from './orders/service.js';
import { ShipmentService } from './orders/shipments.js';
import { PlanService } from './agenda/plans.js';
import { AgendaService } from './agenda/service.js';

/** Every domain service of a branch, built once over one open database. */
export interface BranchServices {
  db: BranchDatabase;
  auth: AuthService;
  setup: SetupService;
  customers: CustomerService;
  transactions: TransactionService;
  reports: ReportService;
  capture: ChangeCapture;
  sync: SyncEngine;
  /** Front office: Customer 360, the interaction log, import and export, the audit log. */
  audit: AuditLog;
  profile: ProfileService;
  interactions: InteractionService;
  imports: ImportService;
  exports: ExportService;
  /** The product and service catalogue: read-only, brought by sync. */
  catalogue: CatalogueService;
  /** Service appointments and quality control (S4). */
  appointments: AppointmentService;
  /** Cases (S1): complaints and requests with routing, SLA deadlines and escalation. */
  cases: CaseService;
  /** Orders (S2) and their shipments (S3). */
  orders: OrderService;
  shipments: ShipmentService;
  /** Contact plans, each staff member's agenda and the branch's reminders (T2, T3). */
  plans: PlanService;
  agenda: AgendaService;
  /** Started by long-running hosts (app, browser mode), not by the CLI or tests. */
  scheduler?: SyncScheduler;
  /** Read-only reports in a worker thread; started by long-running hosts (core.runReportsInWorker). */
  reportRunner?: ReportRunner;
}

export function createServices(
  db: BranchDatabase,
  now: () => Date = () => new Date(),
  makeSyncTarget?: (url: string, credential?: string) => SyncTarget,
  notify: (event: CoreEvent) => void = () => {},
  /** Where uploads and exports are staged; ':memory:' stages them in the temp folder. */
  dataDir = ':memory:',
): BranchServices {
  const auth = new AuthService(db, now);
  const capture = new ChangeCapture(db, () => now().getTime());
  const customers = new CustomerService(db, capture, now);
  customers.ensureSearchIndex();
  const audit = new AuditLog(db, now);
  const catalogue = new CatalogueService(db);
  const transactions = new TransactionService(db, capture, now);
  const customersOfContacts = db.sqlite.prepare('SELECT DISTINCT customer_id FROM contact_points WHERE id IN (SELECT value FROM json_each(?))').pluck();
  const applier = new RowApplier(
    db,
    capture,
    withReportRollups(
      db,
      customerHooks(
        (ids, fresh) => customers.reindex(ids, fresh),
        (ids) => customersOfContacts.all(JSON.stringify(ids)) as string[],
        () => customers.indexAllFresh(),
      ),
    ),
  );
  const orders = new OrderService(db, capture, catalogue, transactions, now);
  const interactions = new InteractionService(db, capture, now);
  const plans = new PlanService(db, capture, now);
  return {
    db,
    auth,
    capture,
    setup: new SetupService(db, auth),
    customers,
    transactions,
    audit,
    profile: new ProfileService(db, capture, customers, audit, now),
    interactions,
    plans,
    agenda: new AgendaService(db, capture, plans, interactions, now),
    imports: new ImportService(db, capture, customers, transactions, audit, dataDir, notify, now),
    exports: new ExportService(db, audit, dataDir),
    reports: new ReportService(db, now),
    catalogue,
    appointments: new AppointmentService(db, capture, catalogue, now),
    cases: new CaseService(db, capture, now),
    sync: new SyncEngine(db, capture, applier, now, makeSyncTarget, notify),
    orders,
    shipments: new ShipmentService(db, capture, orders, now),
  };
}
