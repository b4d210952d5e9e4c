import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import { catalogueItemFromRow, type CatalogueItem, type CatalogueList, type CatalogueQuery, type CatalogueRow } from '../../shared/domain/catalogue.js';

/**
 * The catalogue at the branch: read-only (the head office writes it, sync
 * brings it). A few thousand items at most, so a search scans the table:
 * SKU prefix, or the start of any word of the name.
 */
export class CatalogueService {
  private readonly byId: Statement;
  private readonly categories: Statement;

  constructor(private readonly db: BranchDatabase) {
    this.byId = db.sqlite.prepare('SELECT * FROM catalogue_items WHERE id = ?');
    this.categories = db.sqlite.prepare('SELECT DISTINCT category FROM catalogue_items ORDER BY category').pluck();
  }

  list(q: CatalogueQuery): CatalogueList {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit, offset: q.offset };
    if (q.kind) {
      where.push('kind = @kind');
      params.kind = q.kind;
    }
    if (q.category) {
      where.push('category = @category');
      params.category = q.category;
    }
    if (q.status === 'active') where.push('retired_at IS NULL');
    if (q.status === 'retired') where.push('retired_at IS NOT NULL');
    if (q.query !== '') {
      const text = q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      const terms = text.split(/\s+/).filter(Boolean);
      const words = terms.map((t, i) => {
        params[`w${i}`] = `% ${t}%`;
        return `(' ' || lower(name)) LIKE @w${i} ESCAPE '\\'`;
      });
      params.sku = `${text}%`;
      where.push(`(lower(sku) LIKE @sku ESCAPE '\\' OR (${words.join(' AND ')}))`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.sqlite.prepare(`SELECT count(*) FROM catalogue_items ${clause}`).pluck().get(params) as number;
    // An exact SKU first: a clerk who types the code wants that item on top.
    const rows = this.db.sqlite
      .prepare(`SELECT * FROM catalogue_items ${clause} ORDER BY (lower(sku) = @exact) DESC, name COLLATE NOCASE, sku LIMIT @limit OFFSET @offset`)
      .all({ ...params, exact: q.query.toLowerCase() }) as (CatalogueRow & { id: string })[];
    return { total, items: rows.map((r) => catalogueItemFromRow(r.id, r)), categories: this.categories.all() as string[] };
  }

  get(id: string): CatalogueItem {
    const row = this.byId.get(id) as (CatalogueRow & { id: string }) | undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, `no catalogue item ${id}`);
    return catalogueItemFromRow(row.id, row);
  }

  /** Items by id (orders read their lines' products); unknown ids are left out. */
  find(id: string): CatalogueItem | null {
    const row = this.byId.get(id) as (CatalogueRow & { id: string }) | undefined;
    return row ? catalogueItemFromRow(row.id, row) : null;
  }
}
