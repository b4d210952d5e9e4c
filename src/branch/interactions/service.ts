import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import { BranchSettings } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import type { Interaction, InteractionInput } from '../../shared/domain/interaction.js';

interface InteractionRow {
  id: string;
  customer_id: string;
  occurred_at: string;
  channel: Interaction['channel'];
  direction: Interaction['direction'];
  exchange: Interaction['exchange'];
  purpose: Interaction['purpose'];
  outcome: Interaction['outcome'];
  duration_minutes: number | null;
  notes: string | null;
  staff_name: string;
}

/**
 * The interaction log (T1). Rows are written once and never changed (sync
 * policy 'append'): a wrong entry is corrected by a new one, as on paper.
 */
export class InteractionService {
  private readonly insert: CapturedInsert;
  private readonly byId: Statement;
  private readonly customerState: Statement;
  private readonly settings: BranchSettings;

  constructor(
    db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new BranchSettings(db);
    this.insert = this.capture.insertStatement('interactions',
      `INSERT INTO interactions (id, customer_id, branch_id, occurred_at, channel, direction, exchange, purpose, outcome, duration_minutes, notes, staff_id, staff_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.sqlite.prepare('SELECT * FROM interactions WHERE id = ?');
    this.customerState = db.sqlite.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
  }

  log(actor: UserActor, input: InteractionInput): Interaction {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.settings.identity();
      if (!branch) throw new AppError('NOT_INITIALISED');
      const state = this.customerState.get(input.customerId) as { archived_at: string | null; deleted: number } | undefined;
      if (!state || state.deleted) throw new AppError('VALIDATION_FAILED', [{ path: ['customerId'], code: 'unknown_customer' }]);
      if (state.archived_at) throw new AppError('ARCHIVED');
      const now = this.now().toISOString();
      const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : now;
      this.insert(now, 
        id, input.customerId, branch.branchId, occurredAt, input.channel, input.direction, input.exchange, input.purpose, input.outcome,
        input.durationMinutes ?? null, input.notes ?? null, actor.userId, actor.displayName, now,
      );
    });
    const r = this.byId.get(id) as InteractionRow;
    return {
      id: r.id,
      customerId: r.customer_id,
      occurredAt: r.occurred_at,
      channel: r.channel,
      direction: r.direction,
      exchange: r.exchange,
      purpose: r.purpose,
      outcome: r.outcome,
      durationMinutes: r.duration_minutes,
      notes: r.notes,
      staffName: r.staff_name,
    };
  }
}
