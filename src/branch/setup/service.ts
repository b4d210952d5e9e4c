import type { BranchDatabase } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { newId } from '../../shared/domain/ids.js';
import type { AuthService } from '../auth/service.js';
import { BranchSettings } from './settings.js';

export interface BranchInfo {
  initialised: boolean;
  branchId: string | null;
  branchCode: string | null;
  branchName: string | null;
  timeZone: BranchTimeZone | null;
  enrolled: boolean;
}

/** First-time setup: the branch's identity and its first manager account, in one transaction. */
export class SetupService {
  private readonly settings: BranchSettings;

  constructor(
    private readonly db: BranchDatabase,
    private readonly auth: AuthService,
  ) {
    this.settings = new BranchSettings(db);
  }

  status(): BranchInfo {
    const identity = this.settings.identity();
    return {
      initialised: identity !== null,
      branchId: identity?.branchId ?? null,
      branchCode: identity?.branchCode ?? null,
      branchName: identity?.branchName ?? null,
      timeZone: identity?.timeZone ?? null,
      enrolled: this.settings.get('headoffice_url') !== null,
    };
  }

  initialise(input: {
    branchName: string;
    branchCode: string;
    timeZone: BranchTimeZone;
    manager: { username: string; displayName: string; password: string };
  }): BranchInfo {
    this.db.sqlite
      .transaction(() => {
        if (this.settings.identity()) throw new AppError('ALREADY_INITIALISED');
        this.settings.set('branch_id', newId());
        this.settings.set('branch_code', input.branchCode);
        this.settings.set('branch_name', input.branchName);
        this.settings.set('time_zone', input.timeZone);
        this.settings.set('next_customer_number', '1');
        this.auth.createUser({ ...input.manager, role: 'branch_manager' });
      })
      .immediate();
    return this.status();
  }
}
