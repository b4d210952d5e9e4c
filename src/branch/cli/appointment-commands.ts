import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import type { Result } from '../../shared/api/errors.js';
import {
  APPOINTMENT_STATUSES,
  QC_RESULTS,
  type Appointment,
  type AppointmentDay,
  type AppointmentDetail,
  type AppointmentStatus,
  type QcReport,
} from '../../shared/domain/appointment.js';
import { formatInstant, isIsoDate, localDateTime, todayIn, zonedInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import type { Customer } from '../../shared/domain/customer.js';
import type { CatalogueList } from '../../shared/domain/catalogue.js';
import type { BranchCore } from '../core.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

/** Indonesian status words, as the clerk says them to the customer. */
const STATUS_WORDS: Record<AppointmentStatus, string> = {
  booked: 'dijadwalkan',
  checked_in: 'datang',
  in_progress: 'dikerjakan',
  waiting_parts: 'menunggu suku cadang',
  ready: 'siap diambil',
  done: 'selesai',
  cancelled: 'batal',
  no_show: 'tidak datang',
};

/** Fails like a refused call: the message on stderr, the error as JSON with --json, exit 1. */
function refuse<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const fields = result.error.fields?.map((f) => `  - ${f.path.join('.') || '(input)'}: ${f.message}`).join('\n');
  throw new CliFailure([`${result.error.code}: ${result.error.message}`, fields].filter(Boolean).join('\n'), 1, { ok: false, error: result.error });
}

async function zoneOf(core: BranchCore, actor: Actor): Promise<BranchTimeZone> {
  const status = refuse(await core.dispatch(actor, 'setup.status', {})) as { timeZone: BranchTimeZone | null };
  return status.timeZone ?? 'WIB';
}

/** "2026-12-03 09:30" in the branch's zone, or a full ISO time with its offset. */
function startTime(text: string, zone: BranchTimeZone): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (m && isIsoDate(m[1])) return zonedInstant(m[1], `${m[2].padStart(2, '0')}:${m[3]}`, zone);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) return text.trim();
  throw new CliFailure(`--at must be "YYYY-MM-DD HH:MM" in the branch's zone (${zone}), e.g. "2026-12-03 09:30", or an ISO time with its offset`, 2);
}

const customerKey = (ref: string) => (/^[A-Z0-9]{2,8}-\d+$/i.test(ref) ? { customerNumber: ref.toUpperCase() } : { id: ref });

async function customerOf(core: BranchCore, actor: Actor, ref: string): Promise<Customer> {
  return refuse(await core.dispatch(actor, 'customers.get', customerKey(ref))) as Customer;
}

/** A staff account by username (or id), among the ones that can be given work. */
async function staffOf(core: BranchCore, actor: Actor, ref: string, option: string): Promise<string> {
  const { technicians } = refuse(await core.dispatch(actor, 'appointments.technicians', {})) as { technicians: { id: string; username: string }[] };
  const found = technicians.find((t) => t.username === ref || t.id === ref);
  if (!found) throw new CliFailure(`${option}: no active staff account "${ref}" (see simpul user list)`, 2);
  return found.id;
}

/** A service by its catalogue code (SKU) or id. */
async function serviceOf(core: BranchCore, actor: Actor, ref: string): Promise<string> {
  const list = refuse(await core.dispatch(actor, 'catalogue.list', { query: ref, kind: 'service', status: 'all', limit: 5 })) as CatalogueList;
  const found = list.items.find((i) => i.sku === ref.toUpperCase() || i.id === ref);
  // Unknown codes go on as given: the dispatcher's refusal names the field.
  return found?.id ?? ref;
}

/** An asset of the customer by id or by its number (a plate typed with or without spaces). */
function assetOf(customerAssets: { id: string; identifier: string | null }[], ref: string): string {
  const fold = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return customerAssets.find((a) => a.id === ref || (a.identifier && fold(a.identifier) === fold(ref)))?.id ?? ref;
}

function appointmentRows(list: Appointment[], zone: BranchTimeZone): string {
  if (list.length === 0) return '(tidak ada janji temu / no appointments)';
  return table(
    ['Mulai', 'Pelanggan', 'Layanan', 'Aset', 'Teknisi', 'Status', 'ID'],
    list.map((a) => [
      formatInstant(a.startsAt, zone),
      a.customerName ?? a.customerId,
      a.serviceName,
      [a.assetLabel, a.assetIdentifier].filter(Boolean).join(' '),
      a.technicianName,
      STATUS_WORDS[a.status] + (a.qcResult === 'fail' ? ' (QC gagal)' : ''),
      a.id,
    ]),
  );
}

function detailText(d: AppointmentDetail, zone: BranchTimeZone): string {
  const a = d.appointment;
  const lines: [string, string][] = [
    ['Pelanggan', `${a.customerName ?? '-'} (${a.customerNumber ?? a.customerId})`],
    ['Layanan', `${a.serviceName} [${a.serviceSku}] ${formatRupiah(a.servicePrice)}`],
    ['Aset', [a.assetLabel, a.assetIdentifier].filter(Boolean).join(' ') || '-'],
    ['Waktu', `${formatInstant(a.startsAt, zone)} - ${localDateTime(a.endsAt, zone)[1]} (${a.durationMinutes} menit)`],
    ['Teknisi', a.technicianName],
    ['Status', STATUS_WORDS[a.status]],
    ['Kontrol kualitas', a.qcResult === 'pass' ? 'lulus' : a.qcResult === 'fail' ? 'gagal' : '-'],
    ['Berikutnya', d.nextStatuses.map((s) => `${s} (${STATUS_WORDS[s]})`).join(', ') || '-'],
    ['ID', a.id],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  const history = d.events.map((e) => {
    const what = e.kind === 'booked' ? 'dijadwalkan' : e.kind === 'rescheduled' ? `dijadwal ulang ke ${formatInstant(e.startsAt ?? '', zone)}` : e.kind === 'qc_returned' ? 'kembali dikerjakan (QC gagal)' : STATUS_WORDS[e.toStatus];
    return `  ${formatInstant(e.at, zone)}  ${what}${e.note ? `: ${e.note}` : ''}${e.assetDueDate ? ` (jatuh tempo berikutnya ${e.assetDueDate})` : ''} · ${e.staffName}`;
  });
  const qc = d.qcReports.map((r) => `  ${formatInstant(r.inspectedAt, zone)}  QC ${r.result === 'pass' ? 'LULUS' : 'GAGAL'} · ${r.inspectorName}\n${qcItemsText(r)}`);
  return [...lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`), 'Riwayat:', ...history, ...(qc.length ? ['Kontrol kualitas:', ...qc] : [])].join('\n');
}

const qcItemsText = (r: QcReport) => r.items.map((i) => `    [${i.passed ? 'v' : 'x'}] ${i.label}${i.note ? `: ${i.note}` : ''}`).join('\n');

/** "Rem depan=pass", "Lampu=fail:Sein kiri mati". */
function qcItem(text: string): { label: string; passed: boolean; note?: string } {
  const m = /^(.+?)=(pass|fail|lulus|gagal)(?::(.*))?$/i.exec(text.trim());
  if (!m) throw new InvalidArgumentError('an item is "LABEL=pass" or "LABEL=fail:WHAT IS WRONG"');
  const passed = /^(pass|lulus)$/i.test(m[2]);
  return { label: m[1].trim(), passed, ...(m[3]?.trim() ? { note: m[3].trim() } : {}) };
}

/** `simpul appointment ...`: service appointments and quality control (S4). */
export function registerAppointmentCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const appointment = program.command('appointment').description('service appointments: book, list, show, status, qc, reschedule, day');

  appointment
    .command('book')
    .description('book a service of the catalogue for a customer, with a technician who is free then')
    .requiredOption('--customer <ref>', 'customer id or number (JKT01-000042)')
    .requiredOption('--service <sku>', 'service code (SKU) or id in the catalogue')
    .requiredOption('--at <time>', '"YYYY-MM-DD HH:MM" in the branch zone, or an ISO time with offset')
    .requiredOption('--technician <username>', 'staff account doing the work')
    .option('--asset <ref>', "one of the customer's assets: its id or number (plate)")
    .option('--duration <minutes>', "minutes (default: the service's duration in the catalogue)")
    .option('--notes <text>', 'what the customer asked for')
    .action((o: { customer: string; service: string; at: string; technician: string; asset?: string; duration?: string; notes?: string }) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        const customer = await customerOf(core, actor, o.customer);
        let assetId: string | undefined;
        if (o.asset) {
          const p = refuse(await core.dispatch(actor, 'customers.profile360', { id: customer.id, timelineLimit: 1 })) as { assets: { id: string; identifier: string | null }[] };
          assetId = assetOf(p.assets, o.asset);
        }
        const input = {
          customerId: customer.id,
          serviceItemId: await serviceOf(core, actor, o.service),
          technicianId: await staffOf(core, actor, o.technician, '--technician'),
          startsAt: startTime(o.at, zone),
          ...(assetId ? { assetId } : {}),
          ...(o.duration !== undefined ? { durationMinutes: Number(o.duration) } : {}),
          ...(o.notes ? { notes: o.notes } : {}),
        };
        emit(out(), await core.dispatch(actor, 'appointments.book', input), (d: AppointmentDetail) => `Janji temu dibuat.\n${detailText(d, zone)}`);
      }),
    );

  appointment
    .command('list')
    .description("a customer's appointments (newest first), or this branch's on a day (by time)")
    .option('--customer <ref>', 'customer id or number')
    .option('--date <yyyy-mm-dd>', 'a day in the branch zone')
    .option('--technician <username>', 'one technician')
    .option('--status <status>', `only this status (repeatable): ${APPOINTMENT_STATUSES.join(', ')}`, (v: string, prev: string[] = []) => {
      if (!(APPOINTMENT_STATUSES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${APPOINTMENT_STATUSES.join(', ')}`);
      return [...prev, v];
    })
    .option('--limit <n>', 'most rows (max 500)', '100')
    .action((o: { customer?: string; date?: string; technician?: string; status?: string[]; limit: string }) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        const input = {
          ...(o.customer ? { customerId: (await customerOf(core, actor, o.customer)).id } : {}),
          ...(o.date ? { date: o.date } : {}),
          ...(o.technician ? { technicianId: await staffOf(core, actor, o.technician, '--technician') } : {}),
          ...(o.status ? { statuses: o.status } : {}),
          limit: Number(o.limit),
        };
        emit(out(), await core.dispatch(actor, 'appointments.list', input), (v: { appointments: Appointment[] }) => appointmentRows(v.appointments, zone));
      }),
    );

  appointment
    .command('day [date]')
    .description("this branch's appointments of a day per technician (default today)")
    .action((date: string | undefined) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        emit(out(), await core.dispatch(actor, 'appointments.day', { date: date ?? todayIn(zone) }), (d: AppointmentDay) =>
          d.technicians
            .map((t) => {
              const mine = d.appointments.filter((a) => a.technicianId === t.id);
              return `${t.name}\n${mine.length === 0 ? '  (kosong / free)' : mine.map((a) => `  ${localDateTime(a.startsAt, zone)[1]}-${localDateTime(a.endsAt, zone)[1]}  ${a.customerName ?? ''} · ${a.serviceName}${a.assetIdentifier ? ` · ${a.assetIdentifier}` : ''} · ${STATUS_WORDS[a.status]}`).join('\n')}`;
            })
            .join('\n'),
        );
      }),
    );

  appointment
    .command('show <id>')
    .description('one appointment with its history and quality-control reports')
    .action((id: string) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        emit(out(), await core.dispatch(actor, 'appointments.get', { id }), (d: AppointmentDetail) => detailText(d, zone));
      }),
    );

  appointment
    .command('status <id> <status>')
    .description(`move to the next status: ${APPOINTMENT_STATUSES.join(', ')}`)
    .option('--note <text>', 'what to tell the customer or the next colleague (required to cancel)')
    .option('--next-due <yyyy-mm-dd>', "with done: the asset's next due date")
    .action((id: string, status: string, o: { note?: string; nextDue?: string }) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        const input = { id, status, ...(o.note ? { note: o.note } : {}), ...(o.nextDue ? { assetNextDueDate: o.nextDue } : {}) };
        emit(out(), await core.dispatch(actor, 'appointments.setStatus', input), (d: AppointmentDetail) => `Status: ${STATUS_WORDS[d.appointment.status]}.\n${detailText(d, zone)}`);
      }),
    );

  appointment
    .command('reschedule <id>')
    .description('move a booked appointment to another time or technician')
    .requiredOption('--at <time>', '"YYYY-MM-DD HH:MM" in the branch zone, or an ISO time with offset')
    .option('--technician <username>', 'another technician')
    .option('--duration <minutes>', 'another duration')
    .option('--note <text>', 'why')
    .action((id: string, o: { at: string; technician?: string; duration?: string; note?: string }) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        const input = {
          id,
          startsAt: startTime(o.at, zone),
          ...(o.technician ? { technicianId: await staffOf(core, actor, o.technician, '--technician') } : {}),
          ...(o.duration !== undefined ? { durationMinutes: Number(o.duration) } : {}),
          ...(o.note ? { note: o.note } : {}),
        };
        emit(out(), await core.dispatch(actor, 'appointments.reschedule', input), (d: AppointmentDetail) => detailText(d, zone));
      }),
    );

  appointment
    .command('qc <id>')
    .description('record a quality-control report: --item "Rem depan=pass" --item "Lampu=fail:sein kiri mati"')
    .requiredOption('--item <label=pass|fail[:note]>', 'a checklist line (repeatable)', (v: string, prev: ReturnType<typeof qcItem>[] = []) => [...prev, qcItem(v)])
    .addOption(new Option('--result <result>', 'overall result (default: pass when every line passed)').choices(QC_RESULTS))
    .option('--inspector <username>', 'who inspected (default: you); not the technician')
    .option('--notes <text>', 'notes of the inspection')
    .action((id: string, o: { item: ReturnType<typeof qcItem>[]; result?: string; inspector?: string; notes?: string }) =>
      withCore(async (core, actor) => {
        const zone = await zoneOf(core, actor);
        const input = {
          appointmentId: id,
          items: o.item,
          ...(o.result ? { result: o.result } : {}),
          ...(o.inspector ? { inspectorId: await staffOf(core, actor, o.inspector, '--inspector') } : {}),
          ...(o.notes ? { notes: o.notes } : {}),
        };
        emit(out(), await core.dispatch(actor, 'appointments.fileQc', input), (v: { report: QcReport; appointment: AppointmentDetail }) =>
          `Kontrol kualitas ${v.report.result === 'pass' ? 'LULUS' : 'GAGAL'}.\n${detailText(v.appointment, zone)}`,
        );
      }),
    );
}
