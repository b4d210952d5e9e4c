import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import { CATALOGUE_KINDS, CATALOGUE_STATUSES, type CatalogueList } from '../../shared/domain/catalogue.js';
import { formatRupiah } from '../../shared/domain/money.js';
import type { BranchCore } from '../core.js';
import { emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
  return n;
};

/** `simpul catalogue list`: the head office's catalogue as this branch last received it (read-only here). */
export function registerCatalogueCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const catalogue = program.command('catalogue').description('the product and service catalogue (kept by the head office, read-only here)');
  catalogue
    .command('list')
    .description('search the catalogue by name or code')
    .option('--query <text>', 'name word or SKU prefix')
    .addOption(new Option('--kind <kind>').choices(CATALOGUE_KINDS))
    .option('--category <category>', 'one category')
    .addOption(new Option('--status <status>').choices(CATALOGUE_STATUSES).default('active'))
    .option('--offset <n>', 'items to skip', int('offset', 0), 0)
    .option('--limit <n>', 'items to show (max 500)', int('limit', 1), 100)
    .action((o: { query?: string; kind?: string; category?: string; status: string; offset: number; limit: number }) =>
      withCore(async (core, actor) =>
        emit(
          out(),
          await core.dispatch(actor, 'catalogue.list', { query: o.query ?? '', kind: o.kind, category: o.category, status: o.status, offset: o.offset, limit: o.limit }),
          (v: CatalogueList) =>
            v.items.length === 0
              ? '(katalog kosong: kantor pusat belum mengirim barang, atau belum sinkronisasi / the catalogue is empty: sync with the head office)'
              : `${table(
                  ['Kode', 'Nama', 'Jenis', 'Kategori', 'Harga', 'Durasi', 'Status'],
                  v.items.map((i) => [i.sku, i.name, i.kind === 'product' ? 'produk' : 'layanan', i.category, formatRupiah(i.unitPrice), i.durationMinutes ? `${i.durationMinutes} mnt` : '', i.retiredAt ? 'tidak dijual' : 'aktif']),
                )}\n(${v.items.length} dari ${v.total})`,
        ),
      ),
    );
}
