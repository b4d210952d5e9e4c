import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import type { Actor } from '../../shared/api/procedure.js';
import { ROLES } from '../../shared/api/procedure.js';
import type { Customer, CustomerRow } from '../../shared/domain/customer.js';
import { CUSTOMER_SORTS, LIFECYCLE_STAGES, GENDERS } from '../../shared/domain/customer.js';
import { defaultDataDir, openBranchCore, type BranchCore } from '../core.js';
import { CliFailure, customerRowsText, customerText, emit, table, type Output } from './output.js';
import { collect, customerInputFromFlags, type CustomerFlags } from './customer-input.js';
import { runBackup, runSeed } from './jobs.js';
import { registerSyncCommands } from './sync-commands.js';
import { registerTransferCommands } from './transfer-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerCatalogueCommands } from './catalogue-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { registerAppointmentCommands } from './appointment-commands.js';
import { registerOrderCommands } from './order-commands.js';
import { registerAgendaCommands } from './agenda-commands.js';

/**
 * `simpul`: the branch from the command line. Every command goes through the
 * same dispatcher as the UI, so validation, roles and messages are the same.
 * It acts as the local operator (branch manager), or as --as <username>.
 * Exit codes: 0 done, 1 refused (the message says why), 2 bad arguments.
 */

const program = new Command('simpul')
  .description('Simpul CRM, branch node: customers, demo data and backups from the command line')
  .option('-d, --data-dir <dir>', 'branch data directory (env SIMPUL_DATA_DIR)', defaultDataDir())
  .option('--json', 'machine-readable JSON output')
  .option('--as <username>', 'act as this staff account instead of the local operator')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) })
  .exitOverride();

type Globals = { dataDir: string; json?: boolean; as?: string };
const globals = () => program.opts<Globals>();
const out = (): Output => ({ json: Boolean(globals().json) });

async function withCore<T>(fn: (core: BranchCore, actor: Actor) => Promise<T>): Promise<T> {
  const core = openBranchCore({ dataDir: resolve(globals().dataDir) });
  try {
    return await fn(core, actorFor(core, globals().as));
  } finally {
    core.close();
  }
}

function actorFor(core: BranchCore, username?: string): Actor {
  if (!username) return { ...core.systemActor, userId: 'cli', username: 'cli', displayName: 'Operator (CLI)' };
  const user = core.services.auth.listUsers().find((u) => u.username === username && u.active);
  if (!user) throw new CliFailure(`no active staff account named "${username}"`, 2);
  return { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: 'id' };
}

const customerKey = (ref: string) => (/^[A-Z0-9]{2,8}-\d+$/i.test(ref) ? { customerNumber: ref.toUpperCase() } : { id: ref });

const int = (name: string, min = 0) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
  return n;
};

function customerOptions(cmd: Command): Command {
  return cmd
    .option('--name <name>', 'full name')
    .option('--nickname <name>', 'nickname (panggilan)')
    .option('--nik <nik>', 'national id, 16 digits')
    .option('--birth-date <yyyy-mm-dd>', 'birth date')
    .addOption(new Option('--gender <gender>').choices(GENDERS))
    .option('--occupation <text>', 'occupation (pekerjaan)')
    .option('--address <text>', 'street address')
    .option('--city <city>', 'city')
    .option('--province <province>', 'province')
    .option('--postal-code <code>', '5-digit postal code')
    .option('--phone <number>', 'phone in any form, e.g. 0812-3456-7890 (repeatable)', collect)
    .option('--whatsapp <number>', 'phone that has WhatsApp (repeatable)', collect)
    .option('--email <address>', 'email (repeatable)', collect)
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .addOption(new Option('--stage <stage>', 'lifecycle stage').choices(LIFECYCLE_STAGES))
    .option('--notes <text>', 'notes')
    .option('--data <json>', 'fields as a JSON object (or @file.json); flags override it');
}

program
  .command('init')
  .description('first-time setup of this branch and its manager account')
  .requiredOption('--branch-name <name>', 'branch name, e.g. "Cabang Bandung"')
  .requiredOption('--branch-code <code>', 'branch code, 2-8 letters/digits, e.g. BDG01')
  .addOption(new Option('--time-zone <zone>', 'branch time zone').choices(['WIB', 'WITA', 'WIT']).default('WIB'))
  .requiredOption('--manager <username>', "manager's username")
  .requiredOption('--manager-name <name>', "manager's display name")
  .requiredOption('--manager-password <password>', "manager's password (8+ characters)")
  .action((o) =>
    withCore(async (core, actor) => {
      const input = {
        branchName: o.branchName,
        branchCode: o.branchCode,
        timeZone: o.timeZone,
        manager: { username: o.manager, displayName: o.managerName, password: o.managerPassword },
      };
      emit(out(), await core.dispatch(actor, 'setup.initialise', input), (b: { branchName: string; branchCode: string }) =>
        `${b.branchName} (${b.branchCode}) siap dipakai.`,
      );
    }),
  );

const customer = program.command('customer').description('customers: add, get, update, search, list, archive');

customerOptions(customer.command('add').description('register a customer')).action((o: CustomerFlags) =>
  withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'customers.create', customerInputFromFlags(o)), customerText)),
);

customer
  .command('get <ref>')
  .description('show a customer by id or customer number (e.g. JKT01-000042)')
  .action((ref: string) =>
    withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'customers.get', customerKey(ref)), customerText)),
  );

customerOptions(customer.command('update <ref>').description('change fields of a customer; others stay as they are')).action(
  (ref: string, o: CustomerFlags) =>
    withCore(async (core, actor) => {
      const found = await core.dispatch(actor, 'customers.get', customerKey(ref));
      if (!found.ok) return emit(out(), found, customerText);
      const patch = customerInputFromFlags(o);
      if (Object.keys(patch).length === 0) throw new CliFailure('nothing to change: give at least one field option', 2);
      emit(out(), await core.dispatch(actor, 'customers.update', { id: (found.value as Customer).id, patch }), customerText);
    }),
);

customer
  .command('search <query>')
  .description('search by name prefix, phone in any form, email, NIK or customer number')
  .option('--limit <n>', 'most results', int('limit', 1), 20)
  .option('--include-archived', 'also archived customers')
  .action((query: string, o: { limit: number; includeArchived?: boolean }) =>
    withCore(async (core, actor) =>
      emit(out(), await core.dispatch(actor, 'customers.search', { query, limit: o.limit, includeArchived: Boolean(o.includeArchived) }), (v: { rows: CustomerRow[] }) =>
        customerRowsText(v.rows),
      ),
    ),
  );

customer
  .command('list')
  .description('a page of the customer list')
  .option('--offset <n>', 'rows to skip', int('offset'), 0)
  .option('--limit <n>', 'rows to show (max 500)', int('limit', 1), 50)
  .addOption(new Option('--sort <field>').choices(CUSTOMER_SORTS).default('name'))
  .option('--desc', 'descending order')
  .option('--include-archived', 'also archived customers')
  .action((o: { offset: number; limit: number; sort: string; desc?: boolean; includeArchived?: boolean }) =>
    withCore(async (core, actor) =>
      emit(
        out(),
        await core.dispatch(actor, 'customers.list', {
          offset: o.offset,
          limit: o.limit,
          sort: o.sort,
          direction: o.desc ? 'desc' : 'asc',
          includeArchived: Boolean(o.includeArchived),
        }),
        (v: { total: number; rows: CustomerRow[] }) => `${customerRowsText(v.rows)}\n(${v.rows.length} of ${v.total})`,
      ),
    ),
  );

for (const [name, method] of [['archive', 'customers.archive'], ['restore', 'customers.restore']] as const) {
  customer
    .command(`${name} <ref>`)
    .description(`${name} a customer`)
    .action((ref: string) =>
      withCore(async (core, actor) => {
        const found = await core.dispatch(actor, 'customers.get', customerKey(ref));
        if (!found.ok) return emit(out(), found, customerText);
        emit(out(), await core.dispatch(actor, method, { id: (found.value as Customer).id }), customerText);
      }),
    );
}

const user = program.command('user').description('staff accounts');
user
  .command('add')
  .description('add a staff account')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--name <display>', 'display name')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .requiredOption('--password <password>', 'password (8+ characters)')
  .action((o) =>
    withCore(async (core, actor) =>
      emit(out(), await core.dispatch(actor, 'users.create', { username: o.username, displayName: o.name, role: o.role, password: o.password }), (u: { username: string; role: string }) =>
        `Akun ${u.username} (${u.role}) dibuat.`,
      ),
    ),
  );
user
  .command('list')
  .description('list staff accounts')
  .action(() =>
    withCore(async (core, actor) =>
      emit(out(), await core.dispatch(actor, 'users.list', {}), (users: { username: string; displayName: string; role: string; active: boolean }[]) =>
        table(['Username', 'Nama', 'Peran', 'Aktif'], users.map((u) => [u.username, u.displayName, u.role, u.active ? 'ya' : 'tidak'])),
      ),
    ),
  );

program
  .command('info')
  .description('version, branch and database facts')
  .action(() => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'system.info', {}), (v) => JSON.stringify(v, null, 2))));

program
  .command('seed')
  .description('fill the branch with realistic demo customers and transactions')
  .option('--customers <n>', 'how many customers', int('customers', 1), 1000)
  .option('--transactions <n>', 'how many transactions', int('transactions'), 5000)
  .option('--seed <n>', 'random seed (same seed, same data)', int('seed'), 1)
  .action((o: { customers: number; transactions: number; seed: number }) =>
    withCore((core) => runSeed(core, o, out())),
  );

program
  .command('backup <file>')
  .description('write a consistent copy of the branch database to <file> (safe while the app runs)')
  .action((file: string) => withCore((core) => runBackup(core, resolve(file), out())));

registerSyncCommands(program, customer, withCore, out);
registerTransferCommands(program, withCore, out);
registerReportCommands(program, withCore, out);
registerCatalogueCommands(program, withCore, out);
registerCaseCommands(program, withCore, out);
registerAppointmentCommands(program, withCore, out);
registerOrderCommands(program, withCore, out);
registerAgendaCommands(program, withCore, out);

async function main(): Promise<number> {
  try {
    await program.parseAsync();
    return 0;
  } catch (error) {
    const err = error as { code?: string; exitCode?: number; message?: string };
    if (err.code?.startsWith('commander.')) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof CliFailure) {
      if (out().json && error.payload) process.stdout.write(`${JSON.stringify(error.payload, null, 2)}\n`);
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`simpul: ${err.message ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
