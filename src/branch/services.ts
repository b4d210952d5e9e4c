import type { BranchDatabase } from './db/open.js';
import { AuthService } from './auth/service.js';
import { CustomerService } from './customers/service.js';
import { SetupService } from './setup/service.js';
import { TransactionService } from './transactions/service.js';

/** Every domain service of a branch, built once over one open database. */
export interface BranchServices {
  db: BranchDatabase;
  auth: AuthService;
  setup: SetupService;
  customers: CustomerService;
  transactions: TransactionService;
}

export function createServices(db: BranchDatabase, now: () => Date = () => new Date()): BranchServices {
  const auth = new AuthService(db, now);
  return {
    db,
    auth,
    setup: new SetupService(db, auth),
    customers: new CustomerService(db, now),
    transactions: new TransactionService(db, now),
  };
}
