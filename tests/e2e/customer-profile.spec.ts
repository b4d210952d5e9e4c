import { expect, test, type Page } from '@playwright/test';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
let manager: string;
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  // Neighbours in the search results, so the keyboard has something to choose between.
  for (const [fullName, number] of [
    ['Agus Salim', '0812-3456-1111'],
    ['Dewi Lestari', '0812-3456-2222'],
    ['Hendra Wijaya', '0857-1111-2222'],
  ]) {
    await host.must('customers.create', { fullName, phones: [{ number }] }, manager);
  }
});
test.afterAll(async () => {
  await host?.stop();
});

async function openSearchResult(page: Page, name: string) {
  const rows = page.locator('#search-results [role="row"]');
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  const names = await rows.allInnerTexts();
  const index = names.findIndex((text) => text.includes(name));
  const search = page.getByRole('searchbox');
  for (let i = 0; i < index; i += 1) await search.press('ArrowDown');
  await expect(rows.nth(index)).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
}

test('a customer registered with a +62 number is found by typing 0812-3456 and opened with the keyboard', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Pelanggan baru' })).toBeVisible();

  await page.getByLabel('Nama lengkap', { exact: true }).fill('Siti Nurhaliza');
  await page.getByLabel('Nama panggilan', { exact: true }).fill('Siti');
  await page.getByLabel('Telepon 1', { exact: true }).fill('+62 812 3456 7890');
  await expect(page.getByText('Disimpan sebagai 0812-3456-7890')).toBeVisible();
  await page.getByTestId('phone-row-0').getByLabel('WhatsApp', { exact: true }).check();
  await page.getByRole('button', { name: '+ Tambah telepon' }).click();
  await page.getByLabel('Telepon 2', { exact: true }).fill('62 22 2503 1234');
  await page.getByTestId('phone-row-1').getByLabel('Jenis', { exact: true }).selectOption('home');
  await page.getByLabel('Email 1', { exact: true }).fill('siti.nurhaliza@contoh.co.id');
  await page.getByLabel('Tanggal lahir', { exact: true }).fill('14/03/1988');
  await page.getByLabel('Kota', { exact: true }).fill('Bandung');
  await page.getByLabel('Label', { exact: true }).fill('VIP, arisan');
  await page.getByLabel('Label', { exact: true }).press('Enter');
  await shot(page, '05-form-filled');
  await page.keyboard.press('Control+s');

  // The profile: display formats, WhatsApp link, masked NIK, branch time zone.
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  await expect(page.getByText('0812-3456-7890')).toBeVisible();
  await expect(page.getByRole('link', { name: 'WhatsApp' })).toHaveAttribute('href', 'https://wa.me/6281234567890');
  await expect(page.getByText('14 Mar 1988')).toBeVisible();
  await expect(page.getByText(/Terdaftar \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB/)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-total')).toHaveText('4 pelanggan');
  await page.keyboard.press('/');
  await page.keyboard.type('0812-3456');
  await expect(page.getByText('Dicocokkan sebagai nomor telepon')).toBeVisible();
  await expect(page.locator('#search-results [role="row"]')).toHaveCount(3);
  await shot(page, '06-search-phone');
  await openSearchResult(page, 'Siti Nurhaliza');
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  // Front office may not archive (the contract's access list says so), so the button is not offered.
  await expect(page.getByRole('button', { name: 'Ubah' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Arsipkan' })).toHaveCount(0);
  await shot(page, '07-profile');

  // "/" from the profile goes back to the search box with the last query selected, ready to type over.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('Agus');
  await expect(page.getByRole('searchbox')).toHaveValue('Agus');
  await expect(page.locator('#search-results [role="row"]')).toHaveCount(1);

  // Escape in the search box clears it and the whole list returns.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-total')).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('siti');
  await expect(page.locator('#search-results [role="row"]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await expect(page.getByTestId('customer-total')).toBeVisible();
});

test('editing a customer sends only what changed and the profile shows the change', async ({ page }) => {
  const customer = await host.must(
    'customers.create',
    { fullName: 'Rudi Hartono', phones: [{ number: '0813-2222-3333', whatsapp: true }], address: { line: 'Jl. Dago 12', city: 'Bandung' }, tags: ['umum'] },
    manager,
  );
  const patches: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/rpc/customers.update')) patches.push(request.postDataJSON());
  });

  await signInThroughUi(page, host, CLERK);
  await page.keyboard.press('/');
  await page.keyboard.type('Rudi');
  await openSearchResult(page, 'Rudi Hartono');
  await expect(page.getByRole('heading', { name: 'Rudi Hartono' })).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: 'Ubah data Rudi Hartono' })).toBeVisible();
  await page.getByLabel('Kota', { exact: true }).fill('Cimahi');
  await page.getByLabel('Label', { exact: true }).fill('langganan');
  await page.getByLabel('Label', { exact: true }).press('Enter');
  await page.keyboard.press('Control+Enter');

  await expect(page.getByRole('heading', { name: 'Rudi Hartono' })).toBeVisible();
  await expect(page.getByText('Jl. Dago 12')).toBeVisible();
  await expect(page.getByText('Cimahi')).toBeVisible();
  await expect(page.getByText('langganan')).toBeVisible();

  expect(patches).toEqual([
    { id: customer.id, patch: { address: { line: 'Jl. Dago 12', city: 'Cimahi', province: null, postalCode: null }, tags: ['umum', 'langganan'] } },
  ]);
  const saved = await host.must('customers.get', { id: customer.id }, manager);
  expect(saved.address.city).toBe('Cimahi');
  expect(saved.phones.map((p) => p.e164)).toEqual(['+6281322223333']);
  expect(saved.tags).toEqual(['umum', 'langganan']);
});

test('a branch manager archives a customer and restores it from the profile', async ({ page }) => {
  const customer = await host.must('customers.create', { fullName: 'Wahyu Nugroho' }, manager);
  await signInThroughUi(page, host, { username: 'ratna', password: 'kata-sandi-aman' });
  await page.goto(`${host.origin}/#/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Arsipkan' }).click();
  await expect(page.getByText('Pelanggan ini diarsipkan')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Ubah/ })).toHaveCount(0);
  expect((await host.must('customers.search', { query: 'Wahyu' }, manager)).rows).toEqual([]);
  await page.getByRole('button', { name: 'Pulihkan' }).click();
  await expect(page.getByRole('button', { name: /^Ubah/ })).toBeVisible();
  expect((await host.must('customers.get', { id: customer.id }, manager)).archivedAt).toBeNull();
});
