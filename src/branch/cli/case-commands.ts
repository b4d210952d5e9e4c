import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import { CASE_KINDS, CASE_LIST_STATUSES, CASE_STATUSES, DEPARTMENTS, PRIORITIES, type CaseDetail, type CaseList, type CaseSettings, type CaseSummary } from '../../shared/domain/case.js';
import { CHANNELS } from '../../shared/domain/interaction.js';
import { formatInstant } from '../../shared/domain/dates.js';
import type { BranchCore } from '../core.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

const int = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

const STATUS_ID: Record<string, string> = {
  open: 'baru',
  assigned: 'ditugaskan',
  in_progress: 'diproses',
  waiting_customer: 'menunggu pelanggan',
  resolved: 'selesai',
  closed: 'ditutup',
};
const LEVEL_ID = ['-', 'kepala cabang', 'kantor pusat'];

/** The staff account with this username (active), as its id. */
function staffId(core: BranchCore, username: string): string {
  const user = core.services.auth.listUsers().find((u) => u.username === username && u.active);
  if (!user) throw new CliFailure(`no active staff account named "${username}"`, 2);
  return user.id;
}

/** A customer by id or customer number (JKT01-000042). */
async function customerId(core: BranchCore, actor: Actor, ref: string): Promise<string> {
  const key = /^[A-Z0-9]{2,8}-\d+$/i.test(ref) ? { customerNumber: ref.toUpperCase() } : { id: ref };
  const found = await core.dispatch(actor, 'customers.get', key);
  if (!found.ok) throw new CliFailure(`${found.error.code}: ${found.error.message} (${ref})`, 1, { ok: false, error: found.error });
  return (found.value as { id: string }).id;
}

function due(c: CaseSummary, zone: 'WIB' | 'WITA' | 'WIT'): string {
  if (!c.nextDeadline) return '';
  return `${c.nextDeadline.kind === 'first_response' ? 'respons' : 'selesai'} ${formatInstant(c.nextDeadline.at, zone)}`;
}

function listText(v: CaseList, zone: 'WIB' | 'WITA' | 'WIT'): string {
  if (v.items.length === 0) return '(tidak ada keluhan / no cases)';
  return `${table(
    ['Nomor', 'Pelanggan', 'Kategori', 'Prioritas', 'Bagian', 'Petugas', 'Status', 'Batas waktu', 'Eskalasi'],
    v.items.map((c) => [
      c.caseNumber,
      c.customerName ?? c.customerId,
      c.category,
      c.priority,
      c.department,
      c.assigneeName ?? '-',
      STATUS_ID[c.status],
      `${due(c, zone)}${c.overdue ? ' TERLAMBAT' : ''}`,
      LEVEL_ID[c.escalationLevel],
    ]),
  )}\n(${v.items.length} dari ${v.total}; terlambat di cabang ini: ${v.overdueTotal})`;
}

function detailText(c: CaseDetail, zone: 'WIB' | 'WITA' | 'WIT'): string {
  const at = (iso: string | null) => (iso ? formatInstant(iso, zone) : '-');
  const lines: [string, string][] = [
    ['Nomor', `${c.caseNumber} (${c.kind === 'complaint' ? 'keluhan' : 'permintaan'})`],
    ['Pelanggan', `${c.customerName ?? '-'} ${c.customerNumber ? `(${c.customerNumber})` : ''}`.trim()],
    ['Perihal', c.subject],
    ['Kategori', c.category],
    ['Prioritas', c.priority],
    ['Bagian', `${c.department} (${c.routedBy === 'rule' ? 'aturan kategori' : c.routedBy === 'default' ? 'bagian bawaan' : 'dipilih staf'})`],
    ['Petugas', c.assigneeName ?? '-'],
    ['Status', STATUS_ID[c.status]],
    ['Dibuka', `${at(c.openedAt)} oleh ${c.openedByName}`],
    ['Batas respons', `${at(c.firstResponseDueAt)}${c.firstRespondedAt ? ` (direspons ${at(c.firstRespondedAt)})` : ''}`],
    ['Batas selesai', at(c.slaDueAt)],
    ['Eskalasi', `${LEVEL_ID[c.escalationLevel]}${c.overdue ? ' (terlambat)' : ''}`],
    ['Penyelesaian', c.resolution ?? '-'],
    ['Kepuasan', c.satisfaction ? `${c.satisfaction}/5` : '-'],
    ['Langkah berikut', c.allowedMoves.join(', ')],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  const history = c.events.map((e) => `  ${at(e.at)}  ${e.kind}${e.fromValue || e.toValue ? ` ${e.fromValue ?? ''} -> ${e.toValue ?? ''}` : ''}${e.note ? ` "${e.note}"` : ''}  (${e.staffName})`);
  return [...lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`), 'Riwayat:', ...history].join('\n');
}

/** `simpul case ...`: cases (S1) from the command line, through the same dispatcher as the UI. */
export function registerCaseCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const cases = program.command('case').description('cases: complaints and requests, routing, SLA deadlines, escalation, workflow');
  const zoneOf = (core: BranchCore) => core.services.setup.status().timeZone ?? 'WIB';

  cases
    .command('open')
    .description('open a case for a customer; the routing rules pick the department')
    .requiredOption('--customer <ref>', 'customer id or number (JKT01-000042)')
    .addOption(new Option('--channel <channel>', 'where it came in').choices(CHANNELS).makeOptionMandatory())
    .requiredOption('--category <code>', 'category code (see `simpul case settings`)')
    .requiredOption('--subject <text>', 'what it is about, in one line')
    .addOption(new Option('--priority <priority>').choices(PRIORITIES).default('normal'))
    .addOption(new Option('--kind <kind>').choices(CASE_KINDS).default('complaint'))
    .option('--description <text>', 'the details')
    .addOption(new Option('--department <department>', 'route by hand instead of by the rules').choices(DEPARTMENTS))
    .option('--assign <username>', 'assign to this staff member at once')
    .action((o: { customer: string; channel: string; category: string; subject: string; priority: string; kind: string; description?: string; department?: string; assign?: string }) =>
      withCore(async (core, actor) => {
        const input = {
          customerId: await customerId(core, actor, o.customer),
          channel: o.channel,
          category: o.category,
          subject: o.subject,
          priority: o.priority,
          kind: o.kind,
          ...(o.description ? { description: o.description } : {}),
          ...(o.department ? { department: o.department } : {}),
          ...(o.assign ? { assigneeId: staffId(core, o.assign) } : {}),
        };
        emit(out(), await core.dispatch(actor, 'cases.open', input), (c: CaseDetail) => detailText(c, zoneOf(core)));
      }),
    );

  cases
    .command('list')
    .description('cases, active ones nearest their deadline first')
    .addOption(new Option('--status <status>').choices(CASE_LIST_STATUSES).default('active'))
    .addOption(new Option('--department <department>').choices(DEPARTMENTS))
    .option('--assignee <username>', "a staff member's username, or none")
    .option('--overdue', 'only cases past a deadline')
    .addOption(new Option('--escalated [level]', 'only cases escalated to the branch manager (1) or the head office (2)').argParser(int('level', 1, 2)))
    .option('--customer <ref>', "one customer's cases")
    .option('--query <text>', 'case number prefix or a word of the subject or customer name')
    .option('--offset <n>', 'cases to skip', int('offset', 0), 0)
    .option('--limit <n>', 'cases to show (max 500)', int('limit', 1, 500), 100)
    .action((o: { status: string; department?: string; assignee?: string; overdue?: boolean; escalated?: number | true; customer?: string; query?: string; offset: number; limit: number }) =>
      withCore(async (core, actor) => {
        const input = {
          status: o.status,
          department: o.department,
          assignee: o.assignee === undefined ? undefined : o.assignee === 'none' ? 'none' : staffId(core, o.assignee),
          overdue: o.overdue ? true : undefined,
          escalation: o.escalated === undefined ? undefined : o.escalated === true ? 1 : o.escalated,
          customerId: o.customer ? await customerId(core, actor, o.customer) : undefined,
          query: o.query ?? '',
          offset: o.offset,
          limit: o.limit,
        };
        emit(out(), await core.dispatch(actor, 'cases.list', input), (v: CaseList) => listText(v, zoneOf(core)));
      }),
    );

  cases
    .command('show <ref>')
    .description('one case by number (JKT01-K000042) or id, with its history')
    .action((ref: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'cases.get', { id: ref }), (c: CaseDetail) => detailText(c, zoneOf(core)))));

  cases
    .command('assign <ref>')
    .description('assign a case to a staff member')
    .requiredOption('--to <username>', 'the staff member')
    .option('--note <text>', 'why')
    .action((ref: string, o: { to: string; note?: string }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'cases.assign', { id: ref, assigneeId: staffId(core, o.to), ...(o.note ? { note: o.note } : {}) }), (c: CaseDetail) => detailText(c, zoneOf(core))),
      ),
    );

  cases
    .command('status <ref> <status>')
    .description(`move a case in the workflow (${CASE_STATUSES.join(', ')}); resolved needs --resolution; in_progress reopens`)
    .option('--resolution <text>', 'how it was resolved (required for resolved)')
    .option('--note <text>', 'a note for the history')
    .action((ref: string, to: string, o: { resolution?: string; note?: string }) =>
      withCore(async (core, actor) =>
        emit(
          out(),
          await core.dispatch(actor, 'cases.transition', { id: ref, to, ...(o.resolution ? { resolution: o.resolution } : {}), ...(o.note ? { note: o.note } : {}) }),
          (c: CaseDetail) => detailText(c, zoneOf(core)),
        ),
      ),
    );

  cases
    .command('route <ref> <department>')
    .description(`send an active case to another department (${DEPARTMENTS.join(', ')})`)
    .option('--note <text>', 'why')
    .action((ref: string, department: string, o: { note?: string }) =>
      withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'cases.reroute', { id: ref, department, ...(o.note ? { note: o.note } : {}) }), (c: CaseDetail) => detailText(c, zoneOf(core)))),
    );

  cases
    .command('rate <ref> <satisfaction>')
    .description('record the customer satisfaction (1-5) of a resolved case')
    .option('--note <text>', "the customer's words")
    .action((ref: string, score: string, o: { note?: string }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'cases.rate', { id: ref, satisfaction: int('satisfaction', 1, 5)(score), ...(o.note ? { note: o.note } : {}) }), (c: CaseDetail) => detailText(c, zoneOf(core))),
      ),
    );

  cases
    .command('comment <ref> <note>')
    .description('add a note to the history of a case')
    .action((ref: string, note: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'cases.comment', { id: ref, note }), (c: CaseDetail) => detailText(c, zoneOf(core)))));

  cases
    .command('escalate')
    .description('record the escalations due now (the app and every sync also do it)')
    .action(() => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'cases.escalate', {}), (v: { escalated: number }) => `${v.escalated} keluhan dieskalasi.`)));

  cases
    .command('settings')
    .description('show the routing rules and SLA targets, or replace them with --set')
    .option('--set <json>', 'the whole settings as JSON, or @file.json')
    .action((o: { set?: string }) =>
      withCore(async (core, actor) => {
        const text = (s: CaseSettings) =>
          [
            table(['Kode', 'Kategori', 'Bagian'], s.categories.map((c) => [c.code, c.label, c.department ?? `(bawaan: ${s.defaultDepartment})`])),
            '',
            table(['Prioritas', 'Respons pertama (jam)', 'Selesai (jam)'], PRIORITIES.map((p) => [p, String(s.sla[p].firstResponseHours), String(s.sla[p].resolutionHours)])),
            `Ke kantor pusat: ${s.headOfficeAfterHours} jam setelah batas selesai`,
          ].join('\n');
        if (!o.set) return emit(out(), await core.dispatch(actor, 'cases.settings.get', {}), text);
        let value: unknown;
        try {
          value = JSON.parse(o.set.startsWith('@') ? readFileSync(o.set.slice(1), 'utf8') : o.set);
        } catch {
          throw new CliFailure('--set must be JSON text or @file.json', 2);
        }
        emit(out(), await core.dispatch(actor, 'cases.settings.update', value), text);
      }),
    );
}
