import { expect, test } from '@playwright/test';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
let manager: string;
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
});
test.afterAll(async () => {
  await host?.stop();
});

const EMAIL_MESSAGE = 'Alamat email tidak valid. Contoh: nama@contoh.co.id';

test('a bad email on a new customer is shown next to the field and nothing is saved', async ({ page }) => {
  const before = await host.must('customers.list', { limit: 1 }, manager);
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('button', { name: /Pelanggan baru/ }).click();
  await page.getByLabel('Nama lengkap', { exact: true }).fill('Bambang Pamungkas');
  await page.getByLabel('Telepon 1', { exact: true }).fill('0812 7777 8888');
  await page.getByLabel('Email 1', { exact: true }).fill('bambang@');
  await page.getByLabel('NIK', { exact: true }).fill('3273');
  await page.keyboard.press('Control+s');

  const emailRow = page.getByTestId('email-row-0');
  await expect(emailRow.locator('[data-field-error]')).toHaveText(EMAIL_MESSAGE);
  await expect(page.getByLabel('Email 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  const summary = page.getByTestId('form-error-summary');
  await expect(summary).toContainText('Ada isian yang belum benar. Periksa kolom yang ditandai.');
  await expect(summary).toContainText(`Email 1: ${EMAIL_MESSAGE}`);
  await expect(summary).toContainText('NIK: NIK harus 16 angka.');
  // The form keeps what the clerk typed, and focus goes to the first field to fix.
  await expect(page.getByLabel('Nama lengkap', { exact: true })).toHaveValue('Bambang Pamungkas');
  await expect(page.locator(':focus')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '08-form-errors');

  const after = await host.must('customers.list', { limit: 1 }, manager);
  expect(after.total).toBe(before.total);
  const search = await host.must('customers.search', { query: 'Bambang' }, manager);
  expect(search.rows).toEqual([]);
});

test('a bad email while editing is shown next to the field and the record stays as it was', async ({ page }) => {
  const customer = await host.must(
    'customers.create',
    { fullName: 'Yuni Shara', phones: [{ number: '0811-2345-6789' }], emails: [{ address: 'yuni@contoh.co.id' }], address: { city: 'Malang' } },
    manager,
  );
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.origin}/#/customers/${customer.id}/edit`);
  await expect(page.getByRole('heading', { name: 'Ubah data Yuni Shara' })).toBeVisible();
  await page.getByLabel('Kota', { exact: true }).fill('Batu');
  await page.getByLabel('Email 1', { exact: true }).fill('yuni@@contoh');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();

  // The server reports ['patch', 'emails', 0, 'address']; the message lands on Email 1.
  await expect(page.getByTestId('email-row-0').locator('[data-field-error]')).toHaveText(EMAIL_MESSAGE);
  await expect(page.getByTestId('form-error-summary')).toContainText(`Email 1: ${EMAIL_MESSAGE}`);

  const unchanged = await host.must('customers.get', { id: customer.id }, manager);
  expect(unchanged).toEqual(customer);
});
