import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Actor } from '../../shared/api/procedure.js';
import type { DiscountInput, Order, OrderList, OrderLineInput } from '../../shared/domain/order.js';
import { ORDER_STATUSES } from '../../shared/domain/order.js';
import { SHIPMENT_STATUSES, type Shipment } from '../../shared/domain/shipment.js';
import { formatRupiah } from '../../shared/domain/money.js';
import type { BranchCore } from '../core.js';
import { CliFailure, emit, table, type Output } from './output.js';

type WithCore = <T>(fn: (core: BranchCore, actor: Actor) => Promise<T>) => Promise<T>;

const ORDER_STATUS_ID: Record<string, string> = { draft: 'draf', confirmed: 'dikonfirmasi', paid: 'dibayar', completed: 'selesai', cancelled: 'dibatalkan' };
const SHIPMENT_STATUS_ID: Record<string, string> = {
  packed: 'disiapkan',
  shipped: 'dikirim',
  in_transit: 'dalam perjalanan',
  delivered: 'terkirim',
  failed: 'gagal',
  returned: 'dikembalikan',
};

/** "10%" is a percentage, "5000" or "5.000" Rupiah. */
export function parseDiscount(text: string): DiscountInput {
  const t = text.trim();
  const percent = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*%$/.exec(t);
  if (percent) return { kind: 'percent', value: Number(percent[1].replace(',', '.')) };
  const amount = t.replace(/^rp\.?\s*/i, '').replace(/\./g, '');
  if (/^\d{1,13}$/.test(amount)) return { kind: 'amount', value: Number(amount) };
  throw new InvalidArgumentError(`discount "${text}" must be Rupiah (5000) or a percentage (10%)`);
}

/** SKU:QUANTITY[:PRICE[:DISCOUNT]], e.g. OLI-10W40:2 or BAN-80-90:1:240000:5%. */
export function parseLine(text: string): OrderLineInput {
  const [sku, quantity, price, discount] = text.split(':');
  if (!sku || !quantity || !/^\d+$/.test(quantity)) throw new InvalidArgumentError(`line "${text}" must be SKU:QUANTITY[:PRICE[:DISCOUNT]], e.g. OLI-10W40:2`);
  if (price && !/^\d[\d.]*$/.test(price)) throw new InvalidArgumentError(`price in "${text}" must be whole Rupiah`);
  return {
    sku,
    quantity: Number(quantity),
    ...(price ? { unitPrice: Number(price.replace(/\./g, '')) } : {}),
    ...(discount ? { discount: parseDiscount(discount) as never } : {}),
  } as OrderLineInput;
}

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
};

function orderText(o: Order): string {
  const head: [string, string][] = [
    ['Pesanan', `${o.orderNumber} (${ORDER_STATUS_ID[o.status]})`],
    ['Pelanggan', o.customerName ?? o.customerId],
    ['Dibuat', `${o.createdAt} oleh ${o.staffName}`],
  ];
  if (o.cancelReason) head.push(['Alasan batal', o.cancelReason]);
  const width = Math.max(...head.map(([k]) => k.length));
  const lines = table(
    ['Kode', 'Nama', 'Jml', 'Harga', 'Diskon', 'Jumlah'],
    o.lines.map((l) => [l.sku, l.name, String(l.quantity), formatRupiah(l.unitPrice), l.discount ? formatRupiah(l.discount) : '', formatRupiah(l.total)]),
  );
  const totals = [
    `Subtotal        ${formatRupiah(o.subtotal)}`,
    ...(o.orderDiscount ? [`Diskon pesanan  ${formatRupiah(o.orderDiscount)}`] : []),
    `Total bayar     ${formatRupiah(o.total)}`,
  ];
  const shipping = o.shipments.map(shipmentText);
  return [head.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'), lines, totals.join('\n'), ...shipping, `ID ${o.id}`].join('\n\n');
}

function shipmentText(s: Shipment): string {
  const history = s.history.map((h) => `  ${h.occurredAt}  ${SHIPMENT_STATUS_ID[h.status]}${h.note ? `: ${h.note}` : ''} (${h.staffName})`).join('\n');
  return `Pengiriman ${s.orderNumber}: ${SHIPMENT_STATUS_ID[s.status]}, ${s.courier}${s.trackingNumber ? ` resi ${s.trackingNumber}` : ''}\nAlamat ${s.address ?? '-'}\n${history}\n(ID ${s.id})`;
}

/** `simpul order ...` and `simpul shipment ...`: the same procedures as the screens, JSON with --json. */
export function registerOrderCommands(program: Command, withCore: WithCore, out: () => Output): void {
  const customerId = async (core: BranchCore, actor: Actor, ref: string): Promise<string> => {
    const r = await core.dispatch(actor, 'customers.get', /^[A-Z0-9]{2,8}-\d+$/i.test(ref) ? { customerNumber: ref.toUpperCase() } : { id: ref });
    if (!r.ok) throw new CliFailure(`${r.error.code}: ${r.error.message} (${ref})`, 1, r);
    return (r.value as { id: string }).id;
  };

  const order = program.command('order').description('orders (pesanan): create, list, show, confirm, pay, complete, cancel');
  order
    .command('create')
    .description('start a draft order with lines from the catalogue')
    .requiredOption('--customer <ref>', 'customer number or id')
    .option('--line <SKU:QTY[:PRICE[:DISCOUNT]]>', 'a line, e.g. OLI-10W40:2 or BAN-80-90:1::10% (repeatable)', (v: string, prev: OrderLineInput[] = []) => [...prev, parseLine(v)])
    .option('--discount <amount|percent>', 'order discount: 5000 or 10%', parseDiscount)
    .option('--notes <text>', 'notes')
    .option('--confirm', 'confirm it straight away')
    .action((o: { customer: string; line?: OrderLineInput[]; discount?: DiscountInput; notes?: string; confirm?: boolean }) =>
      withCore(async (core, actor) => {
        const created = await core.dispatch(actor, 'orders.create', { customerId: await customerId(core, actor, o.customer), lines: o.line ?? [], discount: o.discount, notes: o.notes });
        const result = created.ok && o.confirm ? await core.dispatch(actor, 'orders.setStatus', { id: (created.value as Order).id, status: 'confirmed' }) : created;
        emit(out(), result, orderText);
      }),
    );
  order
    .command('list')
    .description('orders, newest first')
    .option('--customer <ref>', 'one customer (number or id)')
    .addOption(new Option('--status <status>').choices(ORDER_STATUSES))
    .option('--query <text>', 'order number or customer name')
    .option('--limit <n>', 'how many (max 500)', positive, 50)
    .action((o: { customer?: string; status?: string; query?: string; limit: number }) =>
      withCore(async (core, actor) =>
        emit(
          out(),
          await core.dispatch(actor, 'orders.list', {
            ...(o.customer ? { customerId: await customerId(core, actor, o.customer) } : {}),
            status: o.status as never,
            query: o.query ?? '',
            limit: o.limit,
          }),
          (v: OrderList) =>
            v.orders.length === 0
              ? '(tidak ada pesanan / no orders)'
              : `${table(
                  ['Nomor', 'Tanggal', 'Pelanggan', 'Status', 'Barang', 'Total', 'Pengiriman'],
                  v.orders.map((x) => [x.orderNumber, x.createdAt.slice(0, 10), x.customerName ?? '', ORDER_STATUS_ID[x.status], String(x.itemCount), formatRupiah(x.total), x.shipmentStatus ? SHIPMENT_STATUS_ID[x.shipmentStatus] : '']),
                )}\n(${v.orders.length} dari ${v.total})`,
        ),
      ),
    );
  order
    .command('show <ref>')
    .description('one order (number or id) with its lines, totals and shipments')
    .action((ref: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'orders.get', { id: ref }), orderText)));
  for (const [name, status, description] of [
    ['confirm', 'confirmed', 'confirm a draft order'],
    ['pay', 'paid', 'record that a confirmed order is paid'],
    ['complete', 'completed', 'complete an order: it becomes a purchase (transaction and line items)'],
  ] as const) {
    order
      .command(`${name} <ref>`)
      .description(description)
      .action((ref: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'orders.setStatus', { id: ref, status }), orderText)));
  }
  order
    .command('cancel <ref>')
    .description('cancel an order that is not completed')
    .requiredOption('--reason <text>', 'why it is cancelled')
    .action((ref: string, o: { reason: string }) =>
      withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'orders.setStatus', { id: ref, status: 'cancelled', reason: o.reason }), orderText)),
    );

  // A shipment is named by its id, or by its order's number (its latest shipment).
  const shipmentId = async (core: BranchCore, actor: Actor, ref: string): Promise<string> => {
    if (!/-P\d+$/i.test(ref)) return ref;
    const r = await core.dispatch(actor, 'orders.get', { id: ref });
    if (!r.ok) throw new CliFailure(`${r.error.code}: ${r.error.message} (${ref})`, 1, r);
    const latest = (r.value as Order).shipments[0];
    if (!latest) throw new CliFailure(`pesanan ${ref} belum dikirim / order ${ref} has not been shipped`, 1);
    return latest.id;
  };
  const shipment = program.command('shipment').description('shipments (pengiriman): create, update, show');
  shipment
    .command('create <order>')
    .description('ship a confirmed order (starts as packed)')
    .requiredOption('--courier <name>', 'courier, e.g. JNE')
    .option('--tracking <number>', 'tracking number (resi)')
    .option('--address <text>', "delivery address (default: the customer's)")
    .option('--recipient <name>', 'recipient name')
    .option('--recipient-phone <phone>', 'recipient phone')
    .option('--note <text>', 'note')
    .action((ref: string, o: { courier: string; tracking?: string; address?: string; recipient?: string; recipientPhone?: string; note?: string }) =>
      withCore(async (core, actor) => {
        const target = await core.dispatch(actor, 'orders.get', { id: ref });
        if (!target.ok) return emit(out(), target, () => '');
        emit(
          out(),
          await core.dispatch(actor, 'shipments.create', {
            orderId: (target.value as Order).id,
            courier: o.courier,
            trackingNumber: o.tracking,
            address: o.address,
            recipientName: o.recipient,
            recipientPhone: o.recipientPhone,
            note: o.note,
          }),
          shipmentText,
        );
      }),
    );
  shipment
    .command('update <ref>')
    .description('a new status, kept in the history (ref: shipment id or order number)')
    .addOption(new Option('--status <status>').choices(SHIPMENT_STATUSES).makeOptionMandatory())
    .option('--note <text>', 'where it is or what happened')
    .option('--tracking <number>', 'tracking number (resi)')
    .action((ref: string, o: { status: string; note?: string; tracking?: string }) =>
      withCore(async (core, actor) =>
        emit(out(), await core.dispatch(actor, 'shipments.update', { id: await shipmentId(core, actor, ref), status: o.status as never, note: o.note, trackingNumber: o.tracking }), shipmentText),
      ),
    );
  shipment
    .command('show <ref>')
    .description('a shipment and its history (ref: shipment id or order number)')
    .action((ref: string) => withCore(async (core, actor) => emit(out(), await core.dispatch(actor, 'shipments.get', { id: await shipmentId(core, actor, ref) }), shipmentText)));
}
