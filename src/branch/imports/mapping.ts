import { AppError, type FieldMessageKey } from '../../shared/api/errors.js';
import { parseRate, type Decimal } from '../../shared/domain/import-values.js';
import {
  CUSTOMER_MATCH_FIELDS,
  importFields,
  TRANSACTION_CUSTOMER_KEYS,
  type ImportField,
  type ImportKind,
  type ImportMapping,
} from '../../shared/domain/importing.js';

/** A mapping checked against the file: which column feeds each field, and the reading rules. */
export interface ResolvedMapping {
  kind: ImportKind;
  columnOf: Partial<Record<ImportField, number>>;
  /** Column label per index as the report names it: the header, or "#3". */
  labels: string[];
  mapping: ImportMapping;
  rate: Decimal;
}

/**
 * Refuses a mapping that cannot work, with one message per problem: an
 * unknown field, a field chosen twice, a column the file does not have, a
 * required field left out, a rate that is not a positive number.
 */
export function resolveMapping(kind: ImportKind, mapping: ImportMapping, headers: (string | null)[]): ResolvedMapping {
  const issues: { path: (string | number)[]; code: FieldMessageKey }[] = [];
  const known = new Set<string>(importFields(kind));
  const columnOf: Partial<Record<ImportField, number>> = {};
  mapping.columns.forEach((m, i) => {
    if (!known.has(m.field)) issues.push({ path: ['mapping', 'columns', i, 'field'], code: 'invalid_value' });
    else if (columnOf[m.field as ImportField] !== undefined) issues.push({ path: ['mapping', 'columns', i, 'field'], code: 'duplicate_mapping' });
    else if (m.column >= headers.length) issues.push({ path: ['mapping', 'columns', i, 'column'], code: 'invalid' });
    else columnOf[m.field as ImportField] = m.column;
  });
  const has = (f: ImportField) => columnOf[f] !== undefined;
  if (kind === 'customers') {
    // A row must either name a new customer or carry a key that finds an existing one.
    if (!has('fullName') && !CUSTOMER_MATCH_FIELDS.some(has)) issues.push({ path: ['mapping', 'fullName'], code: 'mapping_required' });
  } else {
    if (!has('occurredAt')) issues.push({ path: ['mapping', 'occurredAt'], code: 'mapping_required' });
    if (!has('amount')) issues.push({ path: ['mapping', 'amount'], code: 'mapping_required' });
    if (!TRANSACTION_CUSTOMER_KEYS.some(has)) issues.push({ path: ['mapping', 'customerRef'], code: 'mapping_required' });
  }
  const rate = parseRate(mapping.currencyRate, mapping.numberFormat);
  if (!rate) issues.push({ path: ['mapping', 'currencyRate'], code: 'invalid_rate' });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues);
  return { kind, columnOf, labels: headers.map((h, i) => h ?? `#${i + 1}`), mapping, rate: rate! };
}

/** The trimmed text of a mapped field in a row ('' when unmapped or empty). */
export function cell(m: ResolvedMapping, cells: string[], field: ImportField): string {
  const column = m.columnOf[field];
  return column === undefined ? '' : (cells[column] ?? '').trim();
}

export function columnLabel(m: ResolvedMapping, field: ImportField): string | null {
  const column = m.columnOf[field];
  return column === undefined ? null : m.labels[column];
}
