import { and, asc, eq } from 'drizzle-orm';
import type { OutputOf } from '../../shared/api/contract.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { customerFilterSchema, type CustomerFilter } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import { segments } from './schema.js';
import { customersOf } from './customer-list.js';

type Segment = OutputOf<'segments.list'>[number];
const ALL_TIME = { from: null, to: null, branchId: null };

/**
 * Saved segments (M1): a name and a customer filter, evaluated when used
 * (always over all purchases up to today), so a segment's members follow
 * the data. Branch-local for now; deletes are soft so campaigns that used a
 * segment can still name it.
 */
export class SegmentStore {
  constructor(private readonly ctx: ReportContext) {}

  list(): Segment[] {
    return this.ctx.db.orm.select().from(segments).where(eq(segments.deleted, false)).orderBy(asc(segments.name)).all().map(toSegment);
  }

  get(id: string): Segment {
    const row = this.ctx.db.orm.select().from(segments).where(and(eq(segments.id, id), eq(segments.deleted, false))).get();
    if (!row) throw new AppError('NOT_FOUND');
    return toSegment(row);
  }

  save(userId: string, input: { id?: string; name: string; description?: string | null; filter: CustomerFilter }): Segment {
    // The filter must be usable now (no consent or asset filter before those records exist).
    customersOf(this.ctx, ALL_TIME, input.filter, 0, 1);
    const now = this.ctx.now().toISOString();
    const taken = this.ctx.db.orm.select({ id: segments.id }).from(segments).where(and(eq(segments.name, input.name), eq(segments.deleted, false))).get();
    if (taken && taken.id !== input.id) throw new AppError('VALIDATION_FAILED', [{ path: ['name'], code: 'name_taken' }]);
    const values = { name: input.name, description: input.description ?? null, filter: JSON.stringify(input.filter), updatedAt: now, updatedBy: userId };
    if (input.id) {
      this.get(input.id);
      this.ctx.db.orm.update(segments).set(values).where(eq(segments.id, input.id)).run();
      return this.get(input.id);
    }
    const id = newId();
    this.ctx.db.orm.insert(segments).values({ id, ...values, createdAt: now, createdBy: userId }).run();
    return this.get(id);
  }

  delete(userId: string, id: string): { id: string } {
    this.get(id);
    this.ctx.db.orm.update(segments).set({ deleted: true, updatedAt: this.ctx.now().toISOString(), updatedBy: userId }).where(eq(segments.id, id)).run();
    return { id };
  }

  members(id: string, offset: number, limit: number) {
    const segment = this.get(id);
    return { segment, ...customersOf(this.ctx, ALL_TIME, segment.filter, offset, limit) };
  }
}

function toSegment(row: typeof segments.$inferSelect): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Saved by this build's schema; parsing again drops nothing and fills defaults.
    filter: customerFilterSchema.parse(JSON.parse(row.filter)),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}
