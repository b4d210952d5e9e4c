import { expect, test } from '@playwright/test';
import { MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

let host: BranchHost;
let manager: string;
test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  for (const fullName of ['Ani Suryani', 'Bayu Prakoso', 'Citra Kirana']) await host.must('customers.create', { fullName }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('Laporan opens the reports window, connected, with the real branch facts', async ({ page }) => {
  await signInThroughUi(page, host, MANAGER);
  const [reports] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /Laporan/ }).click()]);
  await expect(reports.getByRole('heading', { name: /Data cabang/ })).toBeVisible();
  await expect(reports).toHaveURL(/#\/reports$/);
  const info = await host.must('system.info', {}, manager);
  expect(info.customerCount).toBe(3);
  await expect(reports.getByTestId('fact-customers')).toContainText('Jumlah pelanggan3');
  await expect(reports.getByTestId('fact-schema')).toContainText(String(info.schemaVersion));
  await expect(reports.getByTestId('fact-database')).toContainText(/\d+(,\d)? (KB|MB)/);
  await expect(reports.getByText('Modul laporan menyusul')).toBeVisible();
  await shot(reports, '11-reports');
});
