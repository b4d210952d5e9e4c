import { expect, test } from '@playwright/test';
import { MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
test.beforeAll(async () => {
  host = await startHost();
  const manager = await prepareBranch(host);
  await host.must('customers.create', { fullName: 'Made Wirawan', phones: [{ number: '0361 234567' }], birthDate: '1979-08-17', address: { city: 'Denpasar' } }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('the language switch shows the app in English and the choice survives a reload', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  await expect(page.getByRole('link', { name: 'Pelanggan' })).toBeVisible();

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  const header = page.getByRole('banner');
  await expect(page.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Reports/ })).toBeVisible();
  await expect(header.getByText('Branch manager')).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByTestId('customer-total')).toHaveText('1 customer');
  await expect(page.getByRole('columnheader', { name: /Date of birth/ })).toBeVisible();
  await expect(page.getByText('17 Aug 1979')).toBeVisible();
  await shot(page, '09-english-list');

  await page.reload();
  await expect(page.getByRole('link', { name: 'Customers' })).toBeVisible();

  // Errors follow the language too, from the shared message tables.
  await page.getByRole('button', { name: /New customer/ }).click();
  await page.getByLabel('Full name', { exact: true }).fill('Kadek Ayu');
  // The date field speaks English too: its placeholder, and a date that does not exist.
  const birth = page.getByLabel('Date of birth', { exact: true });
  await expect(birth).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  await birth.fill('30/02/1990');
  await birth.blur();
  await expect(page.getByText('Not a valid date. Write day/month/year, for example 22/11/2026.')).toBeVisible();
  await birth.fill('3/2/1990');
  await birth.blur();
  await expect(birth).toHaveValue('03/02/1990');
  await expect(page.getByText('3 Feb 1990')).toBeVisible();
  await page.getByLabel('Email 1', { exact: true }).fill('kadek@');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('email-row-0').locator('[data-field-error]')).toHaveText('Invalid email address. Example: name@example.co.id');
  await expect(page.getByTestId('form-error-summary')).toContainText('Some fields are not right yet. Check the highlighted fields.');
  await shot(page, '10-english-form-errors');

  await page.getByRole('button', { name: 'ID', exact: true }).click();
  await expect(page.getByTestId('email-row-0').locator('[data-field-error]')).toHaveText('Alamat email tidak valid. Contoh: nama@contoh.co.id');
});
