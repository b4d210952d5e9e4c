import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatRupiah } from '../../shared/domain/money.js';
import { CATALOGUE_KINDS, CATALOGUE_STATUSES, catalogueItemCreateSchema, catalogueItemPatchSchema, type CatalogueItem } from '../../shared/domain/catalogue.js';
import { addCatalogueItem, getCatalogueItem, listCatalogue, restoreCatalogueItem, retireCatalogueItem, updateCatalogueItem } from '../catalogue/service.js';
import { parseInput } from '../errors.js';
import { printJson, type CliIo } from './output.js';
import { parseInteger, storage, withDatabase, withStorage, type Runner, type StorageOptions } from './program.js';

/**
 * `simpul-headoffice catalogue add|update|list|show|retire|restore`: the
 * product and service catalogue (S5). Every change reaches every branch at
 * its next sync. Items are named by id or SKU.
 */
interface ItemFlags {
  sku?: string;
  name?: string;
  kind?: string;
  category?: string;
  price?: number;
  cost?: number;
  duration?: number;
  description?: string;
}

export function registerCatalogueCommands(program: Command, io: CliIo, run: Runner): void {
  const catalogue = program.command('catalogue').description('The product and service catalogue every branch receives.');

  itemOptions(withStorage(catalogue.command('add').description('Add a product or service.')))
    .action((opts: StorageOptions & ItemFlags) =>
      run(async () => {
        // Checked before the database is opened: a bad argument touches nothing.
        const input = parseInput(catalogueItemCreateSchema, {
          sku: opts.sku,
          name: opts.name,
          kind: opts.kind,
          category: opts.category,
          unitPrice: opts.price,
          ...(opts.cost !== undefined ? { unitCost: opts.cost } : {}),
          ...(opts.duration !== undefined ? { durationMinutes: opts.duration } : {}),
          ...(opts.description !== undefined ? { description: opts.description } : {}),
        });
        const item = await withDatabase(storage(opts, io), (database) => addCatalogueItem(database.db, input));
        if (opts.json) printJson(io, item);
        else io.stdout(`Added ${itemSentence(item)}\nBranches receive it at their next sync.\n`);
      }, opts.json),
    );

  itemOptions(withStorage(catalogue.command('update').description('Change the given fields of an item; the others stay.')))
    .argument('<ref>', 'SKU or id')
    .option('--no-duration', 'remove the typical duration of a service')
    .action((ref: string, opts: StorageOptions & Omit<ItemFlags, 'duration'> & { duration?: number | false }) =>
      run(async () => {
        const patch: Record<string, unknown> = {};
        if (opts.sku !== undefined) patch.sku = opts.sku;
        if (opts.name !== undefined) patch.name = opts.name;
        if (opts.category !== undefined) patch.category = opts.category;
        if (opts.price !== undefined) patch.unitPrice = opts.price;
        if (opts.cost !== undefined) patch.unitCost = opts.cost;
        if (opts.duration === false) patch.durationMinutes = null;
        else if (opts.duration !== undefined) patch.durationMinutes = opts.duration;
        if (opts.description !== undefined) patch.description = opts.description;
        const input = parseInput(catalogueItemPatchSchema, patch);
        const item = await withDatabase(storage(opts, io), (database) => updateCatalogueItem(database.db, ref, input));
        if (opts.json) printJson(io, item);
        else io.stdout(`Updated ${itemSentence(item)}\n`);
      }, opts.json),
    );

  withStorage(catalogue.command('list').description('List the catalogue (active items unless --status says otherwise).'))
    .option('--query <text>', 'name word or SKU prefix')
    .addOption(new Option('--kind <kind>', 'product or service').choices(CATALOGUE_KINDS))
    .option('--category <category>', 'one category')
    .addOption(new Option('--status <status>', 'active, retired or all').choices(CATALOGUE_STATUSES).default('active'))
    .option('--limit <n>', 'most items (1-500)', parseInteger, 500)
    .option('--offset <n>', 'items to skip', parseInteger, 0)
    .action((opts: StorageOptions & { query?: string; kind?: string; category?: string; status: string; limit: number; offset: number }) =>
      run(async () => {
        const list = await withDatabase(storage(opts, io), (database) =>
          listCatalogue(database.db, { query: opts.query ?? '', kind: opts.kind, category: opts.category, status: opts.status, limit: opts.limit, offset: opts.offset }),
        );
        if (opts.json) printJson(io, list);
        else io.stdout(catalogueTable(list.items, list.total));
      }, opts.json),
    );

  withStorage(catalogue.command('show').description('One item by SKU or id.'))
    .argument('<ref>', 'SKU or id')
    .action((ref: string, opts: StorageOptions) =>
      run(async () => {
        const item = await withDatabase(storage(opts, io), (database) => getCatalogueItem(database.db, ref));
        if (opts.json) printJson(io, item);
        else io.stdout(`${itemSentence(item)}\n`);
      }, opts.json),
    );

  for (const [name, action, what] of [
    ['retire', retireCatalogueItem, 'Retire an item: branches keep it for old orders but no longer offer it.'],
    ['restore', restoreCatalogueItem, 'Offer a retired item again.'],
  ] as const) {
    withStorage(catalogue.command(name).description(what))
      .argument('<ref>', 'SKU or id')
      .action((ref: string, opts: StorageOptions) =>
        run(async () => {
          const item = await withDatabase(storage(opts, io), (database) => action(database.db, ref));
          if (opts.json) printJson(io, item);
          else io.stdout(`${name === 'retire' ? 'Retired' : 'Restored'} ${itemSentence(item)}\n`);
        }, opts.json),
      );
  }
}

function itemOptions(command: Command): Command {
  return command
    .option('--sku <code>', 'SKU or service code, e.g. OLI-10W40')
    .option('--name <name>', 'name as the branches show it')
    .addOption(new Option('--kind <kind>', 'product or service').choices(CATALOGUE_KINDS))
    .option('--category <category>', 'category, e.g. "Suku cadang"')
    .option('--price <rupiah>', 'unit price in whole Rupiah', rupiah)
    .option('--cost <rupiah>', 'unit cost in whole Rupiah (default 0)', rupiah)
    .option('--duration <minutes>', 'typical duration of a service, in minutes', parseInteger)
    .option('--description <text>', 'a short description');
}

/** Whole Rupiah as people write them: 185000, 185.000 or Rp185.000. */
function rupiah(value: string): number {
  const digits = value.trim().replace(/^rp\.?\s*/i, '').replace(/\./g, '');
  if (!/^\d{1,13}$/.test(digits)) throw new InvalidArgumentError('Must be whole Rupiah, e.g. 185000 or 185.000.');
  return Number(digits);
}

function itemSentence(item: CatalogueItem): string {
  const duration = item.durationMinutes ? `, ${item.durationMinutes} min` : '';
  return `${item.sku}  ${item.name}  (${item.kind}, ${item.category}, ${formatRupiah(item.unitPrice)}, cost ${formatRupiah(item.unitCost)}${duration}${item.retiredAt ? ', retired' : ''}, id ${item.id})`;
}

function catalogueTable(items: CatalogueItem[], total: number): string {
  if (items.length === 0) return 'No catalogue items. Add one with: simpul-headoffice catalogue add --sku OLI-10W40 --name "Oli mesin 10W-40 1 L" --kind product --category Oli --price 85000\n';
  const header = ['SKU', 'NAME', 'KIND', 'CATEGORY', 'PRICE', 'COST', 'MINUTES', 'STATUS'];
  const rows = items.map((i) => [i.sku, i.name, i.kind, i.category, formatRupiah(i.unitPrice), formatRupiah(i.unitCost), i.durationMinutes ? String(i.durationMinutes) : '', i.retiredAt ? 'retired' : 'active']);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const lines = [header, ...rows].map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  return `${lines.join('\n')}\n(${items.length} of ${total})\n`;
}
