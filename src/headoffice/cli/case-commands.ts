import { Option, type Command } from 'commander';
import { DEPARTMENTS, escalatedCasesQuerySchema, type EscalatedCaseList } from '../../shared/domain/case.js';
import { listEscalatedCases } from '../cases/service.js';
import { parseInput } from '../errors.js';
import { printJson, type CliIo } from './output.js';
import { parseInteger, storage, withDatabase, withStorage, type Runner, type StorageOptions } from './program.js';

/**
 * `simpul-headoffice cases escalated`: active cases of every branch past a
 * deadline (level 1: escalated to the branch manager or further; level 2:
 * to the head office), from the rows the branches synced.
 */
export function registerCaseCommands(program: Command, io: CliIo, run: Runner): void {
  const cases = program.command('cases').description('Cases (complaints and requests) of every branch, as synced.');
  withStorage(cases.command('escalated').description('Escalated and overdue cases of every branch, most escalated and most overdue first.'))
    .addOption(new Option('--level <level>', '1: branch manager or further (every overdue case); 2: head office').choices(['1', '2']).default('1'))
    .option('--branch <code>', 'one branch, by code or id')
    .addOption(new Option('--department <department>').choices(DEPARTMENTS))
    .option('--limit <n>', 'most cases (1-500)', parseInteger, 100)
    .option('--offset <n>', 'cases to skip', parseInteger, 0)
    .action((opts: StorageOptions & { level: string; branch?: string; department?: string; limit: number; offset: number }) =>
      run(async () => {
        // Checked before the database is opened: a bad argument touches nothing.
        const input = parseInput(escalatedCasesQuerySchema, { level: Number(opts.level), branch: opts.branch, department: opts.department, limit: opts.limit, offset: opts.offset });
        const list = await withDatabase(storage(opts, io), (database) => listEscalatedCases(database.db, input));
        if (opts.json) printJson(io, list);
        else io.stdout(casesTable(list));
      }, opts.json),
    );
}

const LEVEL = ['-', 'branch manager', 'HEAD OFFICE'];

function casesTable(list: EscalatedCaseList): string {
  if (list.items.length === 0) return `No escalated cases as of ${list.asOf}.\n`;
  const header = ['BRANCH', 'CASE', 'CUSTOMER', 'CATEGORY', 'DEPARTMENT', 'PRIORITY', 'STATUS', 'RESOLUTION DUE', 'HOURS LATE', 'LEVEL'];
  const rows = list.items.map((c) => [
    c.branchCode ?? c.branchId,
    c.caseNumber,
    c.customerName ?? c.customerId,
    c.category,
    c.department,
    c.priority,
    c.status,
    c.slaDueAt.slice(0, 16).replace('T', ' '),
    c.hoursPastResolution > 0 ? String(c.hoursPastResolution) : '',
    LEVEL[c.escalationLevel] + (c.recordedLevel < c.escalationLevel ? ' (not yet synced)' : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const lines = [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  const branches = list.byBranch.map((b) => `${b.branchCode ?? b.branchId}: ${b.cases} (${b.headOffice} at the head office)`).join(', ');
  return `${lines.join('\n')}\n(${list.items.length} of ${list.total} as of ${list.asOf}; ${branches})\n`;
}
