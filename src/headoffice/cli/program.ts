import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../../shared/api/errors.js';
import { ADMIN_TOKEN_FILE, rotateAdminToken } from '../admin/adminTokens.js';
import { addBranch, branchCodeSchema, branchCreateSchema, findBranchByCode, listBranches, revokeBranch } from '../branches/registry.js';
import { openDatabase, type HeadOfficeDatabase } from '../db/open.js';
import { issueEnrolmentToken, tokenRequestSchema } from '../enrolment/tokens.js';
import { parseInput } from '../errors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../http/server.js';
import { APP_VERSION } from '../version.js';
import { branchSentence, branchTable, printFailure, printJson, printUsageError, tokenSentence, type CliIo } from './output.js';
import { serve } from './serve.js';
import { healthTable, syncHealth } from '../sync/health.js';
import { dismissDuplicate, listDuplicates, mergeCustomers, undoMerge } from '../sync/duplicates.js';
import { HEAD_OFFICE_REPORTS, comparisonTable, reportOptionsSchema, runHeadOfficeReport, type HeadOfficeReportName } from '../reports/index.js';
import { ANOMALY_RULES } from '../../shared/api/procedures/reports.js';
import { anomalyReviewSchema, reviewHeadOfficeAnomaly } from '../reports/anomalies.js';
import { registerCatalogueCommands } from './catalogue-commands.js';
import { registerCaseCommands } from './case-commands.js';

/**
 * The head-office CLI. Commands work directly on the database (PGlite data
 * directory or PostgreSQL URL) and never need the server to run; on PGlite
 * they refuse while a server holds the same data directory.
 * Exit codes: 0 done, 1 failed, 2 bad arguments (nothing was changed).
 */

export const DEFAULT_DATA_DIR = '.data/headoffice';

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string;
  json?: boolean;
}

export interface Storage {
  dataDir: string;
  databaseUrl?: string;
  adminTokenFile: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const run = (action: () => Promise<void>, json: boolean | undefined) =>
    action().catch((error: unknown) => {
      exitCode = printFailure(io, error, Boolean(json));
    });
  const program = buildProgram(io, run);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // `branch` alone: commander has already shown that command's help on stderr.
      if (error.code === 'commander.help') return 2;
      return printUsageError(io, error.message);
    }
    throw error;
  }
  return exitCode;
}

export type Runner = (action: () => Promise<void>, json: boolean | undefined) => Promise<void>;

function buildProgram(io: CliIo, run: Runner): Command {
  const program = new Command('simpul-headoffice')
    .description('Simpul head office: the server branches sync with, and its branch registry.')
    .version(APP_VERSION)
    // Errors are printed by printUsageError with exit code 2, not by commander with 1.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });

  withStorage(program.command('serve').description('Run the head-office HTTP server.'))
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--port <port>', 'TCP port (0 picks a free one)', parsePort, DEFAULT_PORT)
    .action((opts: StorageOptions & { host: string; port: number }) =>
      run(() => serve({ storage: storage(opts, io), host: opts.host, port: opts.port, json: opts.json, io }), opts.json),
    );

  const branch = program.command('branch').description('Manage the branch registry.');

  withStorage(branch.command('add').description('Register a branch.'))
    .requiredOption('--code <code>', 'branch code, 2-8 capital letters or digits, e.g. JKT01')
    .requiredOption('--name <name>', 'branch name, e.g. "Jakarta Pusat"')
    .option('--time-zone <zone>', 'WIB, WITA or WIT', 'WIB')
    .action((opts: StorageOptions & { code: string; name: string; timeZone: string }) =>
      run(async () => {
        // Checked before the database is opened: a bad argument touches nothing.
        const input = parseInput(branchCreateSchema, { code: opts.code, name: opts.name, timeZone: opts.timeZone.toUpperCase() });
        const added = await withDatabase(storage(opts, io), (database) => addBranch(database.db, input));
        if (opts.json) printJson(io, added);
        else io.stdout(`Added branch ${branchSentence(added)}\nNext: issue its enrolment token with: simpul-headoffice branch token ${added.code}\n`);
      }, opts.json),
    );

  withStorage(branch.command('list').description('List all branches.')).action((opts: StorageOptions) =>
    run(async () => {
      const all = await withDatabase(storage(opts, io), (database) => listBranches(database.db));
      if (opts.json) printJson(io, all);
      else io.stdout(branchTable(all));
    }, opts.json),
  );

  withStorage(branch.command('health').description('Sync health of every branch: last sync, pending, conflicts, data age.')).action(
    (opts: StorageOptions) =>
      run(async () => {
        const rows = await withDatabase(storage(opts, io), (database) => syncHealth(database.db, new Date()));
        if (opts.json) printJson(io, rows);
        else io.stdout(healthTable(rows));
      }, opts.json),
  );

  withStorage(
    program
      .command('report')
      .description(`Consolidated reports over every branch, with one column per branch: ${HEAD_OFFICE_REPORTS.join(', ')}.`)
      .argument('<name>', HEAD_OFFICE_REPORTS.join(' | '))
      .option('--from <yyyy-mm-dd>', 'first day of the period (WIB)')
      .option('--to <yyyy-mm-dd>', 'last day of the period (WIB)')
      .option('--status <open|all>', 'anomalies: list open flags (default) or all')
      .option('--rule <rule>', `anomalies: list one rule's flags (${ANOMALY_RULES.join(', ')})`)
      .option('--horizon <weeks>', 'prediction: weeks ahead (1-520, default 52)')
      .option('--refit', "prediction: fit the models again instead of using today's stored fit for this period"),
  ).action((name: string, opts: StorageOptions & { from?: string; to?: string; status?: string; rule?: string; horizon?: string; refit?: boolean }) =>
    run(async () => {
      if (!(HEAD_OFFICE_REPORTS as readonly string[]).includes(name)) {
        throw new AppError('VALIDATION_FAILED', [{ path: ['name'], code: 'invalid_value' }], `unknown report "${name}": one of ${HEAD_OFFICE_REPORTS.join(', ')}`);
      }
      // Checked before the database is opened: a bad option touches nothing.
      const options = parseInput(reportOptionsSchema, Object.fromEntries(Object.entries({ from: opts.from, to: opts.to, status: opts.status, rule: opts.rule, horizon: opts.horizon, refit: opts.refit ? true : undefined }).filter(([, v]) => v !== undefined)));
      const value = await withDatabase(storage(opts, io), (database) => runHeadOfficeReport(database.db, name, options, new Date()));
      if (opts.json) printJson(io, value);
      else io.stdout(comparisonTable(name as HeadOfficeReportName, value));
    }, opts.json),
  );

  const anomalies = program.command('anomalies').description("The head office's anomaly flags (see: report anomalies).");
  withStorage(anomalies.command('review').description("Mark an anomaly flag reviewed at the head office (the head office's own mark; branches keep theirs)."))
    .argument('<transaction-id>', 'the flagged transaction')
    .requiredOption('--rule <rule>', ANOMALY_RULES.join(' | '))
    .requiredOption('--by <name>', 'who reviewed it')
    .option('--note <text>', 'what was found')
    .action((transactionId: string, opts: StorageOptions & { rule: string; by: string; note?: string }) =>
      run(async () => {
        const input = parseInput(anomalyReviewSchema, { transactionId, rule: opts.rule, by: opts.by, ...(opts.note !== undefined ? { note: opts.note } : {}) });
        const mark = await withDatabase(storage(opts, io), (database) => reviewHeadOfficeAnomaly(database.db, input, new Date()));
        if (opts.json) printJson(io, mark);
        else io.stdout(`${mark.alreadyReviewed ? 'Already reviewed' : 'Reviewed'}: ${mark.transactionId} (${mark.rule}) by ${mark.by} at ${mark.at}\n`);
      }, opts.json),
    );

  withStorage(branch.command('revoke').description('Revoke a branch: it can no longer enrol or sync.'))
    .argument('<code>', 'branch code')
    .action((code: string, opts: StorageOptions) =>
      run(async () => {
        const branchCode = parseInput(branchCodeSchema, code);
        const revoked = await withDatabase(storage(opts, io), async (database) =>
          revokeBranch(database.db, (await findBranchByCode(database.db, branchCode)).id),
        );
        if (opts.json) printJson(io, revoked);
        else io.stdout(`Revoked branch ${branchSentence(revoked)}\n`);
      }, opts.json),
    );

  withStorage(branch.command('token').description('Issue a one-time enrolment token for a branch (shown once).'))
    .argument('<code>', 'branch code')
    .option('--expires-in-hours <hours>', 'how long the token stays valid (1-720)', parseInteger, 72)
    .action((code: string, opts: StorageOptions & { expiresInHours: number }) =>
      run(async () => {
        const branchCode = parseInput(branchCodeSchema, code);
        const request = parseInput(tokenRequestSchema, { expiresInHours: opts.expiresInHours });
        const issued = await withDatabase(storage(opts, io), async (database) =>
          issueEnrolmentToken(database.db, (await findBranchByCode(database.db, branchCode)).id, request),
        );
        if (opts.json) printJson(io, issued);
        else io.stdout(tokenSentence(issued));
      }, opts.json),
    );

  const duplicates = program.command('duplicates').description('Probable duplicate customers across branches: list, merge, undo, dismiss.');
  withStorage(duplicates.command('list').description('Open duplicate candidates (--all for every one).'))
    .option('--all', 'include merged and dismissed')
    .action((opts: StorageOptions & { all?: boolean }) =>
      run(async () => {
        const rows = await withDatabase(storage(opts, io), (database) => listDuplicates(database.db, opts.all ? 'all' : 'open'));
        if (opts.json) printJson(io, rows);
        else
          io.stdout(
            rows.length === 0
              ? 'No probable duplicates.\n'
              : rows
                  .map((d) => `${d.id}  ${d.status}  score ${d.score}  [${d.reasons.join(', ')}]\n    ${d.customers.map((c) => `${c.customerNumber} ${c.fullName} (${c.id})`).join('\n    ')}`)
                  .join('\n') + '\n',
          );
      }, opts.json),
    );
  withStorage(duplicates.command('merge').description('Merge the loser into the winner; all history is kept and the merge can be undone.'))
    .requiredOption('--winner <customerId>', 'the customer to keep')
    .requiredOption('--loser <customerId>', 'the customer merged into the winner')
    .option('--candidate <id>', 'the duplicate candidate this resolves')
    .option('--by <name>', 'who decides', 'head office')
    .action((opts: StorageOptions & { winner: string; loser: string; candidate?: string; by: string }) =>
      run(async () => {
        const result = await withDatabase(storage(opts, io), (database) =>
          mergeCustomers(database.db, { winnerId: opts.winner, loserId: opts.loser, candidateId: opts.candidate, by: opts.by }, new Date()),
        );
        if (opts.json) printJson(io, result);
        else io.stdout(`Merged (merge ${result.mergeId}): ${result.redirected} row(s) moved to the winner. Undo with: duplicates undo ${result.mergeId}\n`);
      }, opts.json),
    );
  withStorage(duplicates.command('undo').description('Undo a merge.'))
    .argument('<mergeId>', 'merge id')
    .option('--by <name>', 'who decides', 'head office')
    .action((mergeId: string, opts: StorageOptions & { by: string }) =>
      run(async () => {
        const result = await withDatabase(storage(opts, io), (database) => undoMerge(database.db, mergeId, opts.by, new Date()));
        if (opts.json) printJson(io, result);
        else io.stdout(`Merge undone: ${result.restored} row(s) moved back.\n`);
      }, opts.json),
    );
  withStorage(duplicates.command('dismiss').description('Mark a candidate as not a duplicate.'))
    .argument('<id>', 'candidate id')
    .option('--by <name>', 'who decides', 'head office')
    .action((id: string, opts: StorageOptions & { by: string }) =>
      run(async () => {
        await withDatabase(storage(opts, io), (database) => dismissDuplicate(database.db, id, opts.by, new Date()));
        if (opts.json) printJson(io, { dismissed: id });
        else io.stdout(`Dismissed ${id}.\n`);
      }, opts.json),
    );

  registerCatalogueCommands(program, io, run);
  registerCaseCommands(program, io, run);

  const adminToken = program.command('admin-token').description('Manage the key of the HTTP admin API.');
  withStorage(adminToken.command('rotate').description('Revoke every admin key and write a new one to <data dir>/admin-token.')).action(
    (opts: StorageOptions) =>
      run(async () => {
        const target = storage(opts, io);
        const rotated = await withDatabase(target, (database) => rotateAdminToken(database.db, target.adminTokenFile));
        if (opts.json) printJson(io, rotated);
        else io.stdout(`New admin key (saved to ${rotated.file}; ${rotated.revoked} old key(s) revoked):\n\n  ${rotated.token}\n`);
      }, opts.json),
  );

  return program;
}

export function withStorage(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory: the PGlite database and the admin-token file', DEFAULT_DATA_DIR)
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL (default: $SIMPUL_DATABASE_URL); without one, PGlite in the data directory').argParser(
        parseDatabaseUrl,
      ),
    )
    .option('--json', 'print machine-readable JSON');
}

export function storage(opts: StorageOptions, io: CliIo): Storage {
  const dataDir = resolve(opts.dataDir);
  const fromEnv = io.env.SIMPUL_DATABASE_URL?.trim();
  const databaseUrl = opts.databaseUrl ?? (fromEnv ? checkDatabaseUrl(fromEnv, 'SIMPUL_DATABASE_URL') : undefined);
  return { dataDir, databaseUrl, adminTokenFile: resolve(dataDir, ADMIN_TOKEN_FILE) };
}

export async function withDatabase<T>(target: Storage, work: (database: HeadOfficeDatabase) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: target.dataDir, databaseUrl: target.databaseUrl });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('Port must be a number from 0 to 65535.');
  return port;
}

export function parseInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Must be a whole number.');
  return Number(value);
}

function parseDatabaseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\/./i.test(value)) throw new InvalidArgumentError('Must be a postgres:// or postgresql:// URL.');
  return value;
}

function checkDatabaseUrl(value: string, source: string): string {
  if (!/^postgres(ql)?:\/\/./i.test(value)) {
    throw new AppError('VALIDATION_FAILED', [{ path: [source], code: 'invalid' }], `${source} must be a postgres:// or postgresql:// URL`);
  }
  return value;
}
