import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import { CHANNELS, OUTCOMES, PURPOSES } from '../../shared/domain/interaction.js';
import { PLAN_COUNT_CAP, PLAN_LIMIT_MAX, PLAN_PAGE, RECURRENCE_UNITS, REMINDER_RULES, type Agenda, type AgendaActionResult, type ContactPlan, type ReminderRules } from '../../shared/domain/agenda.js';
import type { BranchCore } from '../core.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
  return n;
};

const SOURCE_LABEL: Record<string, string> = {
  plan: 'rencana',
  birthday: 'ulang tahun',
  purchase: 'tindak lanjut pembelian',
  case: 'tindak lanjut keluhan',
  asset: 'jatuh tempo aset',
  lapsed: 'lama tidak belanja',
  never_reached: 'belum pernah dihubungi',
};

/** A staff account by username (the CLI names people, the API takes ids). */
function staffId(core: BranchCore, username: string): string {
  const user = core.services.auth.listUsers().find((u) => u.username === username && u.active);
  if (!user) throw new CliFailure(`no active staff account named "${username}"`, 2);
  return user.id;
}

function customerId(core: BranchCore, ref: string): string {
  const byNumber = /^[A-Z0-9]{2,8}-\d+$/i.test(ref);
  const row = core.services.db.sqlite.prepare(`SELECT id FROM customers WHERE ${byNumber ? 'customer_number = upper(?)' : 'id = ?'} AND deleted = 0`).pluck().get(ref) as string | undefined;
  if (!row) throw new CliFailure(`no customer "${ref}" (give an id or a customer number such as JKT01-000042)`, 1);
  return row;
}

function agendaText(a: Agenda): string {
  if (a.items.length === 0) return `(agenda kosong ${a.from}${a.to !== a.from ? ` s.d. ${a.to}` : ''} / nothing on the agenda)`;
  const rows = a.items.map((i) => [
    i.overdue ? `! ${i.dueDate}` : i.dueDate,
    i.dueTime ?? '',
    i.customerName,
    i.customerNumber,
    i.phone ?? '',
    SOURCE_LABEL[i.source],
    i.channel,
    i.staffName ?? '(cabang)',
    i.reason ?? i.detail?.label ?? '',
    i.key,
  ]);
  const plans = a.items.filter((i) => i.kind === 'plan').length;
  const more = a.plansTotal > plans ? `; ${plans} dari ${a.plansTotal >= PLAN_COUNT_CAP ? `${PLAN_COUNT_CAP}+` : a.plansTotal} rencana ditampilkan (--limit)` : '';
  return `${table(['Tanggal', 'Jam', 'Pelanggan', 'Nomor', 'Telepon', 'Jenis', 'Saluran', 'Staf', 'Alasan', 'Kunci'], rows)}\n(${a.items.length} item, ${a.from}${a.to !== a.from ? ` s.d. ${a.to}` : ''} ${a.timeZone}; ! = terlambat${more})`;
}

const actionText = (r: AgendaActionResult) => `${r.action}${r.interactionId ? `, interaksi ${r.interactionId}` : ''}${r.next ? `; berikutnya ${r.next.dueDate} (${r.next.key})` : ''}`;

/** `simpul agenda ...`, `simpul plan ...`, `simpul reminders ...` (T2, T3). */
export function registerAgendaCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const agenda = program
    .command('agenda')
    .description("a staff member's agenda: planned contacts and reminders (today, or the week with --week)")
    .option('--staff <username>', 'whose agenda (default: your own with --as, everyone without)')
    .option('--week', 'today and the next six days')
    .option('--date <yyyy-mm-dd>', 'start from this day instead of today')
    .option('--no-reminders', 'planned contacts only')
    .option('--limit <n>', `at most this many planned contacts (default ${PLAN_PAGE}, up to ${PLAN_LIMIT_MAX})`, (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > PLAN_LIMIT_MAX) throw new InvalidArgumentError(`a whole number from 1 to ${PLAN_LIMIT_MAX}`);
      return n;
    })
    .action((o: { staff?: string; week?: boolean; date?: string; reminders: boolean; limit?: number }) =>
      withCore(async (core, actor) => {
        const staff = o.staff ? staffId(core, o.staff) : actor.kind === 'user' && actor.userId === 'cli' ? null : undefined;
        emit(out(), await core.dispatch(actor, 'agenda.list', { staffId: staff, range: o.week ? 'week' : 'today', date: o.date, reminders: o.reminders, limit: o.limit }), agendaText);
      }),
    );
  agenda
    .command('done <key>')
    .description('capture the outcome of an item: logs the interaction (a recurring plan moves on)')
    .addOption(new Option('--outcome <outcome>').choices(OUTCOMES).default('reached'))
    .addOption(new Option('--channel <channel>', "how the contact was made (default: the plan's)").choices(CHANNELS))
    .addOption(new Option('--purpose <purpose>').choices(PURPOSES))
    .option('--notes <text>', 'what was said or agreed')
    .option('--minutes <n>', 'how long it took', int('minutes', 0))
    .action((key: string, o: { outcome: string; channel?: string; purpose?: string; notes?: string; minutes?: number }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'agenda.complete', { key, outcome: o.outcome, channel: o.channel, purpose: o.purpose, notes: o.notes, durationMinutes: o.minutes }), actionText),
      ),
    );
  agenda
    .command('reschedule <key>')
    .description('move a planned contact to another day, with a reason')
    .requiredOption('--date <yyyy-mm-dd>', 'the new day')
    .option('--time <hh:mm>', 'the new time')
    .requiredOption('--reason <text>', 'why')
    .action((key: string, o: { date: string; time?: string; reason: string }) =>
      withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'agenda.reschedule', { key, dueDate: o.date, dueTime: o.time, reason: o.reason }), actionText)),
    );
  agenda
    .command('skip <key>')
    .description('skip a planned contact this time, with a reason')
    .requiredOption('--reason <text>', 'why')
    .action((key: string, o: { reason: string }) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'agenda.skip', { key, reason: o.reason }), actionText)));
  agenda
    .command('dismiss <key>')
    .description('dismiss a reminder (it does not come back for the same occasion)')
    .option('--reason <text>', 'why')
    .action((key: string, o: { reason?: string }) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'agenda.dismiss', { key, reason: o.reason }), actionText)));

  const plan = program.command('plan').description('contact plans: who to contact, when, how, by whom and why');
  plan
    .command('add')
    .description('plan a contact (one-off, or recurring with --every/--unit)')
    .requiredOption('--customer <ref>', 'customer id or number (JKT01-000042)')
    .requiredOption('--date <yyyy-mm-dd>', 'the (first) day')
    .option('--time <hh:mm>', 'time of day (branch time)')
    .addOption(new Option('--channel <channel>').choices(CHANNELS).makeOptionMandatory())
    .addOption(new Option('--purpose <purpose>').choices(PURPOSES).makeOptionMandatory())
    .option('--staff <username>', 'who makes the contact (default: you; required without --as)')
    .option('--reason <text>', 'why')
    .addOption(new Option('--unit <unit>', 'repeat every day, week, month or year').choices(RECURRENCE_UNITS))
    .option('--every <n>', 'repeat every N units (with --unit)', int('every', 1))
    .option('--until <yyyy-mm-dd>', 'last day a repeat may fall on')
    .action((o: { customer: string; date: string; time?: string; channel: string; purpose: string; staff?: string; reason?: string; unit?: string; every?: number; until?: string }) =>
      withCore(async (core, actor) => {
        if ((o.every !== undefined || o.until) && !o.unit) throw new CliFailure('--every and --until need --unit day|week|month|year', 2);
        if (!o.staff && actor.kind === 'user' && actor.userId === 'cli') throw new CliFailure('give --staff USERNAME (or --as USERNAME): who makes the contact', 2);
        const input = {
          customerId: customerId(core, o.customer),
          staffId: o.staff ? staffId(core, o.staff) : undefined,
          channel: o.channel,
          purpose: o.purpose,
          reason: o.reason,
          dueDate: o.date,
          dueTime: o.time,
          recurrence: o.unit ? { unit: o.unit, every: o.every ?? 1, until: o.until ?? null } : undefined,
        };
        emit(out(), await core.dispatch(actor, 'plans.add', input), (p: ContactPlan) => `rencana ${p.id}: ${p.customerName}, ${p.dueDate}${p.dueTime ? ` ${p.dueTime}` : ''}, ${p.channel}, ${p.staffName}${p.recurrence ? `, setiap ${p.recurrence.every} ${p.recurrence.unit}` : ''}`);
      }),
    );
  plan
    .command('list <customer>')
    .description("a customer's contact plans")
    .option('--all', 'also finished and cancelled plans')
    .action((ref: string, o: { all?: boolean }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'plans.forCustomer', { customerId: customerId(core, ref), includeClosed: Boolean(o.all) }), (plans: ContactPlan[]) =>
          plans.length === 0
            ? '(tidak ada rencana kontak / no contact plans)'
            : table(
                ['Tanggal', 'Jam', 'Saluran', 'Staf', 'Ulang', 'Status', 'Alasan', 'ID'],
                plans.map((p) => [p.dueDate, p.dueTime ?? '', p.channel, p.staffName, p.recurrence ? `${p.recurrence.every} ${p.recurrence.unit}` : '-', p.status, p.reason ?? '', p.id]),
              ),
        ),
      ),
    );
  plan
    .command('cancel <id>')
    .description('cancel a contact plan, with a reason')
    .requiredOption('--reason <text>', 'why')
    .action((id: string, o: { reason: string }) =>
      withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'plans.cancel', { planId: id, reason: o.reason }), (p: ContactPlan) => `rencana ${p.id}: ${p.status}`)),
    );

  const reminders = program.command('reminders').description("the branch's reminder rules");
  const rulesText = (r: ReminderRules) =>
    table(
      ['Aturan', 'Aktif', 'Hari'],
      [
        ['birthday', r.birthday.enabled ? 'ya' : 'tidak', `${r.birthday.daysAhead} hari sebelumnya`],
        ['purchase', r.purchase.enabled ? 'ya' : 'tidak', `${r.purchase.daysAfter} hari sesudah pembelian`],
        ['case', r.case.enabled ? 'ya' : 'tidak', `${r.case.daysAfter} hari sesudah keluhan selesai`],
        ['asset', r.asset.enabled ? 'ya' : 'tidak', `${r.asset.daysAhead} hari sebelum jatuh tempo`],
        ['lapsed', r.lapsed.enabled ? 'ya' : 'tidak', `tidak belanja ${r.lapsed.days} hari`],
        ['never_reached', r.never_reached.enabled ? 'ya' : 'tidak', `${r.never_reached.daysAfterRegistration} hari sesudah terdaftar`],
      ],
    ) + `\nterlambat paling lama ${r.overdueDays} hari; paling banyak ${r.limitPerRule} per aturan`;
  reminders
    .command('show')
    .description('the reminder rules of this branch')
    .action(() => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'reminders.rules', {}), rulesText)));
  reminders
    .command('set <rule>')
    .description(`change one rule (${REMINDER_RULES.join(', ')}), or the agenda limits with "limits"`)
    .option('--enable', 'turn the rule on')
    .option('--disable', 'turn the rule off')
    .option('--days <n>', 'the number of days of the rule', int('days', 0))
    .option('--overdue-days <n>', 'limits: how long a missed reminder stays', int('overdue-days', 0))
    .option('--limit <n>', 'limits: most reminders per rule on one agenda', int('limit', 1))
    .action((rule: string, o: { enable?: boolean; disable?: boolean; days?: number; overdueDays?: number; limit?: number }) =>
      withCore(async (core, actor) => {
        const current = await core.dispatch(actor, 'reminders.rules', {});
        if (!current.ok) return emit(out(), current, rulesText);
        const rules = structuredClone(current.value as ReminderRules);
        if (rule === 'limits') {
          if (o.overdueDays !== undefined) rules.overdueDays = o.overdueDays;
          if (o.limit !== undefined) rules.limitPerRule = o.limit;
        } else {
          if (!(REMINDER_RULES as readonly string[]).includes(rule)) throw new CliFailure(`unknown rule "${rule}": one of ${REMINDER_RULES.join(', ')}, limits`, 2);
          if (o.enable && o.disable) throw new CliFailure('--enable or --disable, not both', 2);
          const r = rules[rule as keyof ReminderRules] as Record<string, unknown>;
          if (o.enable) r.enabled = true;
          if (o.disable) r.enabled = false;
          if (o.days !== undefined) {
            const daysKey = Object.keys(r).find((k) => k !== 'enabled')!;
            r[daysKey] = o.days;
          }
        }
        emit(out(), await core.dispatch(actor, 'reminders.saveRules', rules), rulesText);
      }),
    );
}
