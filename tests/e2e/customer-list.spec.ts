import { expect, test } from '@playwright/test';
import { MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

const COUNT = 2_000;
let host: BranchHost;

test.beforeAll(async () => {
  // 2,000 customers through the RPC: give a loaded machine room beyond one test's 45 s.
  test.setTimeout(180_000);
  host = await startHost();
  const manager = await prepareBranch(host);
  const names = Array.from({ length: COUNT }, (_, i) => `Pelanggan ${String(i + 1).padStart(4, '0')}`);
  // Eight requests at a time: fast, and still an ordinary client of the RPC.
  for (let start = 0; start < names.length; start += 8) {
    await Promise.all(
      names.slice(start, start + 8).map((fullName, i) =>
        host.must('customers.create', { fullName, address: { city: (start + i) % 2 ? 'Surabaya' : 'Medan' } }, manager),
      ),
    );
  }
});
test.afterAll(async () => {
  await host?.stop();
});

test('the list of 2,000 customers keeps only the visible rows in the page and scrolls to the last ones', async ({ page }) => {
  test.setTimeout(90_000);
  await signInThroughUi(page, host, MANAGER);
  await expect(page.getByTestId('customer-total')).toHaveText('2.000 pelanggan');
  const rows = page.locator('[data-testid="customer-grid-body"] [role="row"]');
  await expect(rows.first()).toContainText('Pelanggan 0001');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(100);
  await shot(page, '12-list');

  // Scroll to the bottom: the last customers appear, and the page still holds only a window of rows.
  const body = page.getByTestId('customer-grid-body');
  await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows.filter({ hasText: 'Pelanggan 2000' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Pelanggan 1990' })).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);
  await expect(rows.filter({ hasText: 'Pelanggan 0001' })).toHaveCount(0);
  await shot(page, '13-list-end');

  // Keyboard: Home goes back to the top, End to the last row.
  await page.getByTestId('customer-grid').focus();
  await page.keyboard.press('Home');
  await expect(rows.filter({ hasText: 'Pelanggan 0001' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(rows.filter({ hasText: 'Pelanggan 2000' })).toHaveAttribute('aria-selected', 'true');

  // Enter opens the chosen customer; coming back, the list is where the clerk left it.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Pelanggan 2000' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rows.filter({ hasText: 'Pelanggan 2000' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Pelanggan 0001' })).toHaveCount(0);

  // Sorting is done by the server: name descending puts the last customer first.
  await expect(page.getByRole('columnheader', { name: /Nama lengkap/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: 'Nama lengkap' }).click();
  await expect(page.getByRole('columnheader', { name: /Nama lengkap/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('Pelanggan 2000');
  await expect(page.getByLabel('Urutkan')).toHaveValue('name:desc');

  // Sorting by city groups Medan before Surabaya.
  await page.getByLabel('Urutkan').selectOption('city:asc');
  await expect(rows.first()).toContainText('Medan');
});
