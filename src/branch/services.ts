import type { BranchDatabase } from './db/open.js';
import { AuthService } from './auth/service.js';
import { CustomerService } from './customers/service.js';
import { SetupService } from './setup/service.js';
import { TransactionService } from './transactions/service.js';
import { ChangeCapture } from './sync/capture.js';
import { RowApplier, customerHooks } from './sync/apply.js';
import { SyncEngine } from './sync/engine.js';
import type { SyncTarget } from './sync/target.js';
import type { SyncScheduler } from './sync/scheduler.js';
import type { CoreEvent } from '../shared/api/transport.js';

/** Every domain service of a branch, built once over one open database. */
export interface BranchServices {
  db: BranchDatabase;
  auth: AuthService;
  setup: SetupService;
  customers: CustomerService;
  transactions: TransactionService;
  capture: ChangeCapture;
  sync: SyncEngine;
  /** Started by long-running hosts (app, browser mode), not by the CLI or tests. */
  scheduler?: SyncScheduler;
}

export function createServices(
  db: BranchDatabase,
  now: () => Date = () => new Date(),
  makeSyncTarget?: (url: string, credential?: string) => SyncTarget,
  notify: (event: CoreEvent) => void = () => {},
): BranchServices {
  const auth = new AuthService(db, now);
  const capture = new ChangeCapture(db, () => now().getTime());
  const customers = new CustomerService(db, capture, now);
  const customerOfContact = db.sqlite.prepare('SELECT customer_id FROM contact_points WHERE id = ?').pluck();
  const applier = new RowApplier(
    db,
    capture,
    customerHooks(
      (ids) => customers.reindex(ids),
      (ids) => ids.map((id) => customerOfContact.get(id) as string).filter(Boolean),
    ),
  );
  return {
    db,
    auth,
    capture,
    setup: new SetupService(db, auth),
    customers,
    transactions: new TransactionService(db, capture, now),
    sync: new SyncEngine(db, capture, applier, now, makeSyncTarget, notify),
  };
}
