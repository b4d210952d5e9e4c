import { Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import type { BranchCore } from '../core.js';
import { customerText, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

/** `simpul sync ...`, `simpul conflicts ...` and `simpul customer fetch`: the sync engine from the command line. */
export function registerSyncCommands(program: Command, customer: Command, withCore: WithCore, out: () => Output): void {
  const sync = program.command('sync').description('sync with the head office: enrol, sync now, status');

  sync
    .command('enrol')
    .description('enrol this branch with a one-time token from the head office')
    .requiredOption('--url <url>', 'head-office address, e.g. http://10.0.0.5:8470')
    .requiredOption('--token <token>', 'one-time enrolment token')
    .action((o: { url: string; token: string }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'sync.enrol', { url: o.url, token: o.token }), (v: { branchName: string; branchCode: string }) =>
          `Terdaftar di kantor pusat sebagai ${v.branchName} (${v.branchCode}).`,
        ),
      ),
    );

  sync
    .command('now')
    .description('push local changes and pull what this branch should see')
    .action(() =>
      withCore(async (core, actor) => {
        const off = core.onEvent((e) => {
          if (e.type === 'sync.progress' && !out().json) process.stderr.write(`${e.phase}: dikirim ${e.pushed}/${e.toPush}, diterima ${e.pulled}\n`);
        });
        try {
          emit(out(), await core.dispatch(actor, 'sync.now', {}), (r: { pushed: number; pulled: number; conflicts: number; quarantined: number; ms: number }) =>
            `Sinkronisasi selesai dalam ${r.ms} ms: ${r.pushed} perubahan dikirim, ${r.pulled} baris diterima, ${r.conflicts} konflik baru, ${r.quarantined} ditolak.`,
          );
        } finally {
          off();
        }
      }),
    );

  sync
    .command('status')
    .description('last sync, pending changes, open conflicts')
    .action(() => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'sync.status', {}), (v) => JSON.stringify(v, null, 2))));

  customer
    .command('fetch <key>')
    .description("fetch a customer of another branch from the head office (number, phone, NIK or id)")
    .action((key: string) =>
      withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'customers.fetchRemote', { key }), customerText)),
    );

  const conflicts = program.command('conflicts').description('review sync conflicts');
  conflicts
    .command('list')
    .description('conflicts about customers of this branch')
    .option('--all', 'also resolved ones')
    .action((o: { all?: boolean }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'sync.conflicts', { status: o.all ? 'all' : 'open' }), (rows: ConflictRow[]) =>
          rows.length === 0
            ? '(tidak ada konflik / no conflicts)'
            : table(
                ['ID', 'Pelanggan', 'Kolom', 'Nilai dipakai', 'Nilai lain', 'Status'],
                rows.map((c) => [c.id, c.customerName ?? c.rowId, c.field, String(c.winnerValue), String(c.loserValue), c.status]),
              ),
        ),
      ),
    );
  conflicts
    .command('resolve <id>')
    .description('keep the winning value, or keep the other one')
    .addOption(new Option('--keep <which>', 'which value to keep').choices(['winner', 'loser']).makeOptionMandatory())
    .action((id: string, o: { keep: 'winner' | 'loser' }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'sync.resolveConflict', { id, keep: o.keep }), (c: ConflictRow) => `Konflik ${c.id}: ${c.status}.`),
      ),
    );
}

interface ConflictRow {
  id: string;
  rowId: string;
  customerName: string | null;
  field: string;
  winnerValue: unknown;
  loserValue: unknown;
  status: string;
}
