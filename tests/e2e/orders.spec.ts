import { expect, test, type Page } from '@playwright/test';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';
import { startHeadOffice, type HeadOffice } from './support/headoffice.js';

/**
 * Orders and shipments (S2, S3) in Chromium: the catalogue comes from the
 * head office by sync, a clerk takes an order with two catalogue lines from
 * the customer's profile without the mouse, completes it, ships it, moves
 * the shipment along and reads it on the Customer 360 timeline.
 */
let ho: HeadOffice;
let host: BranchHost;
let customerId: string;
/** A real-world catalogue name: sizes and part numbers joined by hyphens and slashes. */
const LONG_NAME = 'Kampas rem cakram depan Honda Vario-125 / Beat-FI / Scoopy-FI original AHM 06455-K59-A71';

test.beforeAll(async () => {
  test.setTimeout(90_000);
  [ho, host] = await Promise.all([startHeadOffice(), startHost()]);
  const session = await prepareBranch(host);
  await ho.addCatalogueItem({ sku: 'OLI-10W40', name: 'Oli mesin 10W-40 1 L', kind: 'product', category: 'Oli', unitPrice: 85_000, unitCost: 61_000 });
  await ho.addCatalogueItem({ sku: 'BAN-80-90', name: 'Ban tubeless 80/90-14', kind: 'product', category: 'Ban', unitPrice: 250_000, unitCost: 180_000 });
  await ho.addCatalogueItem({ sku: 'KMP-VARIO', name: LONG_NAME, kind: 'product', category: 'Rem', unitPrice: 145_000, unitCost: 98_000 });
  await ho.addCatalogueItem({ sku: 'SRV-BERKALA', name: 'Servis berkala 10.000 km', kind: 'service', category: 'Servis', unitPrice: 350_000, unitCost: 200_000 });
  await host.must('sync.enrol', { url: ho.url, token: await ho.addBranch('BDG01', 'Bandung Dago') }, session);
  await host.must('sync.now', {}, session);
  const customer = await host.must(
    'customers.create',
    { fullName: 'Wayan Sudarta', phones: [{ number: '0812-3300-4411' }], address: { line: 'Jl. Dago 45', city: 'Bandung', province: 'Jawa Barat' } },
    session,
  );
  customerId = customer.id;
});
test.afterAll(async () => {
  await Promise.all([host?.stop(), ho?.dispose()]);
});

async function addFromCatalogue(page: Page, typed: string) {
  const search = page.getByRole('combobox', { name: 'Cari barang di katalog (nama atau kode)' });
  await search.fill(typed);
  await expect(page.getByRole('option').first()).toBeVisible();
  await search.press('Enter');
}

test('a clerk orders two catalogue items, completes the order, ships it and tells the customer where it is', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.url.split('#')[0]}#/customers/${customerId}`);
  await expect(page.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();

  await test.step('P opens a new order; the catalogue is searched by name and by code from the keyboard', async () => {
    await page.keyboard.press('p');
    await expect(page.getByRole('heading', { name: 'Pesanan baru untuk Wayan Sudarta' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Cari barang di katalog (nama atau kode)' })).toBeFocused();
    await addFromCatalogue(page, 'oli');
    await addFromCatalogue(page, 'BAN-80');
    const lines = page.getByRole('table', { name: 'Barang' });
    await expect(lines.getByRole('row')).toHaveCount(3);
    await page.getByLabel('Jumlah Oli mesin 10W-40 1 L').fill('2');
    await page.getByLabel('Diskon Ban tubeless 80/90-14', { exact: true }).first().fill('10');
    await page.getByRole('group', { name: 'Diskon Ban tubeless 80/90-14' }).getByRole('button', { name: '%' }).click();
    await page.getByRole('textbox', { name: 'Diskon pesanan' }).fill('lima ribu');
    // 2 x 85.000 + (250.000 - 10 %) = 395.000
    await expect(page.getByTestId('order-total')).toHaveText('Rp395.000');
  });

  await test.step('an unreadable discount is refused with a clear message and nothing is saved', async () => {
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Jumlah uang tidak valid', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Pesanan baru untuk Wayan Sudarta' })).toBeVisible();
    expect((await host.must('orders.list', { customerId }, await clerkSession())).total).toBe(0);
    await shot(page, 'orders-01-editor-error');
    await page.getByRole('textbox', { name: 'Diskon pesanan' }).fill('5.000');
    await expect(page.getByTestId('order-total')).toHaveText('Rp390.000');
    await shot(page, 'orders-02-editor');
  });

  await test.step('Ctrl+Enter saves and confirms; completing makes it a purchase', async () => {
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('heading', { name: /Pesanan BDG01-P000001/ })).toBeVisible();
    await expect(page.locator('.order-page__title')).toContainText('Dikonfirmasi');
    await page.getByRole('button', { name: 'Selesaikan' }).click();
    await expect(page.getByText('Pesanan selesai dan tercatat sebagai pembelian.')).toBeVisible();
    await expect(page.locator('.order-page__title')).toContainText('Selesai');
    await expect(page.getByRole('button', { name: 'Batalkan pesanan' })).toHaveCount(0);
  });

  await test.step('ship it to the address on file, then update the status with a note', async () => {
    const start = page.getByRole('form', { name: 'Kirim pesanan' });
    await start.getByLabel('Kurir').fill('JNE');
    await start.getByLabel('Nomor resi').fill('JNE0012345');
    await start.getByRole('button', { name: 'Mulai pengiriman' }).click();
    await expect(page.getByText('Pengiriman dicatat: disiapkan.')).toBeVisible();
    const history = page.getByRole('list', { name: 'Riwayat pengiriman' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expect(page.getByText('Jl. Dago 45, Bandung, Jawa Barat')).toBeVisible();

    const update = page.getByRole('form', { name: 'Perbarui status' });
    await expect(update.getByLabel('Status baru')).toHaveValue('shipped');
    await update.getByRole('button', { name: 'Perbarui status' }).click();
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await update.getByLabel('Status baru').selectOption({ label: 'Dalam perjalanan' });
    await update.getByLabel('Keterangan').fill('Tiba di gudang Bandung');
    await update.getByRole('button', { name: 'Perbarui status' }).click();
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await expect(history.getByRole('listitem').first()).toContainText('Dalam perjalanan');
    await expect(history.getByRole('listitem').first()).toContainText('Tiba di gudang Bandung');
    await expect(page.getByLabel('Bacakan ke pelanggan')).toContainText('Pesanan BDG01-P000001 dikirim lewat JNE dengan nomor resi JNE0012345. Status terakhir: dalam perjalanan');
    await shot(page, 'orders-03-order-shipped');
  });

  await test.step('the Customer 360 timeline shows the purchase, the order and each shipment step', async () => {
    await page.getByRole('link', { name: 'Wayan Sudarta' }).click();
    await expect(page.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();
    await expect(page.locator('.customer-orders')).toContainText('BDG01-P000001');
    await shot(page, 'orders-04-profile');
    await page.keyboard.press('4');
    const timeline = page.getByRole('list', { name: 'Riwayat' });
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Pengiriman BDG01-P000001' })).toHaveCount(3);
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Pengiriman BDG01-P000001' }).first()).toContainText('Dalam perjalanan');
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Pembelian' }).first()).toContainText('Rp390.000');
    await expect(timeline.getByRole('listitem').filter({ hasText: 'Pesanan BDG01-P000001' })).toContainText('Selesai');
    await shot(page, 'orders-05-timeline');
  });

  await test.step('the orders list finds it by number and by customer name', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Pesanan' }).click();
    await page.getByRole('searchbox', { name: 'Cari nomor pesanan atau nama pelanggan' }).fill('wayan');
    const row = page.getByRole('row').filter({ hasText: 'BDG01-P000001' });
    await expect(row).toContainText('Selesai');
    await expect(row).toContainText('Dalam perjalanan');
    await expect(row).toContainText('Rp390.000');
    await shot(page, 'orders-06-list');
    // A search that finds nothing says so, and how to widen it (not "no orders yet").
    await page.getByRole('searchbox', { name: 'Cari nomor pesanan atau nama pelanggan' }).fill('tidak ada orang ini');
    await expect(page.getByTestId('orders-empty')).toHaveText('Tidak ada pesanan yang cocok. Ubah pencarian atau pilih Semua status.');
  });
});

test('a draft is changed from its order page, then cancelled with a reason', async ({ page }) => {
  const token = await clerkSession();
  const draft = await host.must('orders.create', { customerId, lines: [{ sku: 'OLI-10W40', quantity: 1 }] }, token);
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.url.split('#')[0]}#/orders/${draft.id}`);
  await expect(page.locator('.order-page__title')).toContainText('Draf');

  await test.step('E opens the draft in the editor; lines change, one is added, the other removed', async () => {
    await page.keyboard.press('e');
    await expect(page.getByRole('heading', { name: `Ubah pesanan ${draft.orderNumber} · Wayan Sudarta` })).toBeVisible();
    await addFromCatalogue(page, 'servis');
    await page.getByLabel('Jumlah Oli mesin 10W-40 1 L').fill('4');
    await expect(page.getByTestId('order-total')).toHaveText('Rp690.000');
    await page.getByRole('button', { name: 'Hapus baris Oli mesin 10W-40 1 L' }).click();
    await expect(page.getByTestId('order-total')).toHaveText('Rp350.000');
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('heading', { name: new RegExp(`Pesanan ${draft.orderNumber}`) })).toBeVisible();
    const lines = page.getByRole('table', { name: 'Barang' });
    await expect(lines).toContainText('Servis berkala 10.000 km');
    await expect(lines).not.toContainText('Oli mesin');
  });

  await test.step('cancelling asks for the reason and the order keeps it', async () => {
    await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
    await page.getByRole('button', { name: 'Batalkan pesanan ini' }).click();
    await expect(page.getByText('Tulis alasannya.').first()).toBeVisible();
    await expect(page.locator('.order-page__title')).toContainText('Draf');
    await page.getByLabel('Alasan pembatalan').fill('Pelanggan menunda servis');
    await page.getByRole('button', { name: 'Batalkan pesanan ini' }).click();
    await expect(page.locator('.order-page__title')).toContainText('Dibatalkan');
    await expect(page.getByText('Alasan pembatalan: Pelanggan menunda servis')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Konfirmasi' })).toHaveCount(0);
    await shot(page, 'orders-07-cancelled');
  });
});

test('a long product name wraps at its spaces, never inside "Vario-125" or a part number, and shows in full as a tooltip', async ({ page }) => {
  const token = await clerkSession();
  const draft = await host.must('orders.create', { customerId, lines: [{ sku: 'KMP-VARIO', quantity: 2 }, { sku: 'OLI-10W40', quantity: 1 }] }, token);
  await signInThroughUi(page, host, CLERK);
  /**
   * Each hyphenated word of the name sits on one line when the name wraps (measured without the clamp);
   * clamped, the name takes at most `most` lines with an ellipsis; the tooltip is the whole name.
   */
  async function expectWholeWords(name: ReturnType<Page['locator']>, most: number, wraps = true) {
    await expect(name).toHaveAttribute('title', LONG_NAME);
    await expect(name).toHaveText(LONG_NAME);
    const layout = await name.evaluate((el) => {
      const lineCount = () => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
      const clamp = [...el.classList].find((c) => c.startsWith('product-name--lines-'));
      const clamped = lineCount();
      if (clamp) el.classList.remove(clamp);
      const words = [...el.querySelectorAll('.product-name__word')];
      const result = { split: words.filter((w) => w.getClientRects().length > 1).map((w) => w.textContent), words: words.length, wrapped: lineCount(), clamped };
      if (clamp) el.classList.add(clamp);
      return result;
    });
    expect(layout.split).toEqual([]);
    expect(layout.words).toBe(6);
    if (wraps) expect(layout.wrapped).toBeGreaterThan(1);
    expect(layout.clamped).toBeLessThanOrEqual(most);
  }

  await page.goto(`${host.url.split('#')[0]}#/orders/${draft.id}`);
  const lines = page.getByRole('table', { name: 'Barang' });
  await expectWholeWords(lines.locator('.product-name').first(), 3);
  await shot(page, 'orders-08-long-name');

  await page.keyboard.press('e');
  await expectWholeWords(page.getByRole('table', { name: 'Barang' }).locator('.product-name').first(), 3);
  const search = page.getByRole('combobox', { name: 'Cari barang di katalog (nama atau kode)' });
  await search.fill('kampas');
  await expectWholeWords(page.getByRole('option').first().locator('.product-name'), 2, false);
  await shot(page, 'orders-09-long-name-editor');
  await search.fill('');

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.goto(`${host.url.split('#')[0]}#/orders/${draft.id}`);
  await expect(page.getByRole('heading', { name: `Order ${draft.orderNumber}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Items' })).toBeVisible();
  await expectWholeWords(page.getByRole('table', { name: 'Items' }).locator('.product-name').first(), 3);
  await shot(page, 'orders-10-long-name-en');
  await page.getByRole('button', { name: 'ID', exact: true }).click();
});

let clerkToken: string | undefined;
async function clerkSession(): Promise<string> {
  clerkToken ??= (await host.must('auth.signIn', { username: CLERK.username, password: CLERK.password })).sessionToken;
  return clerkToken;
}
