import { expect, test, type Page } from '@playwright/test';
import { openBranchCore } from '../../src/branch/core.js';
import { DEFAULT_CASE_SETTINGS } from '../../src/shared/domain/case.js';
import type { ConsoleConflict } from '../../src/shared/console/api.js';
import { MANAGER, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';
import { setUpBranch, startHeadOffice, type HeadOffice } from './support/headoffice.js';

/**
 * A case category reads as people named it wherever it is shown outside the
 * case screens: the branch's conflict review (the manager's label from the
 * case settings, the code beside it), and at the head office, which does not
 * know a branch's labels: the built-in name, or a branch category's code in
 * words with the code in brackets (service report) or beside it (conflicts).
 *
 * No screen edits a case's category after opening (cases.open sets it), so
 * no sync can make such a conflict today; the conflicts here are written
 * straight into the branch's conflict list, and the console's list is served
 * by the test, as the sync engine and head office would shape them.
 */
const OWN = { code: 'suku_cadang', label: 'Suku cadang kosong', department: 'service' as const };
const SETTINGS = { ...DEFAULT_CASE_SETTINGS, categories: [...DEFAULT_CASE_SETTINGS.categories, OWN] };

test.describe.configure({ mode: 'serial' });

test('the branch conflict review shows a case category by the manager label, the code beside it', async ({ page }) => {
  const host: BranchHost = await startHost();
  try {
    const manager = await prepareBranch(host);
    await host.must('cases.settings.update', SETTINGS, manager);
    const customer = await host.must('customers.create', { fullName: 'Dewi Lestari', phones: [{ number: '0813-2222-3333' }] }, manager);
    const opened = await host.must('cases.open', { customerId: customer.id, channel: 'phone', category: OWN.code, subject: 'Filter oli belum datang' }, manager);
    const core = openBranchCore({ dataDir: host.dataDir, checkOutput: false });
    try {
      core.services.db.sqlite
        .prepare(`INSERT INTO sync_conflicts (id, table_name, row_id, field, customer_id, winner_value, loser_value, winner_hlc, loser_hlc, detected_seq, detected_at, status, resolution_pending)
          VALUES ('k-1', 'cases', ?, 'category', ?, ?, ?, 'h1', 'h0', 1, ?, 'open', 0)`)
        .run(opened.id, customer.id, JSON.stringify(OWN.code), JSON.stringify('delivery'), new Date().toISOString());
    } finally {
      core.close();
    }

    await signInThroughUi(page, host, MANAGER);
    await page.goto(`${host.origin}/#/sync/conflicts`);
    const card = page.getByRole('listitem', { name: 'Dewi Lestari · Keluhan · Kategori' });
    await expect(card.getByTestId('conflict-winner').locator('.conflict-value__text')).toHaveText('Suku cadang kosong');
    await expect(card.getByTestId('conflict-winner-code')).toHaveText('Kode: suku_cadang');
    await expect(card.getByTestId('conflict-loser').locator('.conflict-value__text')).toHaveText('Pengiriman');
    await expect(card.getByTestId('conflict-loser-code')).toHaveText('Kode: delivery');
    await shot(page, 'case-labels-01-branch-conflict');
  } finally {
    await host.stop();
  }
});

test('the head office shows a branch category from its code: service report and conflicts', async ({ page }) => {
  test.setTimeout(120_000);
  const [ho, host]: [HeadOffice, BranchHost] = await Promise.all([startHeadOffice(), startHost()]);
  try {
    const branch = await setUpBranch(host, 'JKT01', 'Cabang Jakarta Pusat');
    await branch.call('sync.setInterval', { minutes: 0 });
    await branch.call('sync.enrol', { url: ho.url, token: await ho.addBranch('JKT01', 'Cabang Jakarta Pusat') });
    await branch.call('cases.settings.update', SETTINGS);
    const { id } = await branch.call<{ id: string }>('customers.create', { fullName: 'Wayan Sudarta', phones: [{ number: '0813-1111-2222' }] });
    await branch.call('cases.open', { customerId: id, channel: 'phone', category: OWN.code, subject: 'Filter oli belum datang' });
    await branch.call('cases.open', { customerId: id, channel: 'phone', category: 'delivery', subject: 'Jadwal kirim' });
    await branch.call('sync.now', {});

    await signIn(page, ho);
    await page.getByRole('navigation').getByRole('link', { name: 'Laporan' }).click();
    await page.getByRole('tab', { name: 'Layanan dan aktivitas' }).click();
    const list = page.locator('section.console-report-list').filter({ has: page.getByRole('heading', { name: 'Keluhan per kategori (semua cabang)' }) });
    await expect(list.getByRole('row').filter({ hasText: 'Suku cadang (suku_cadang)' })).toHaveCount(1);
    await expect(list.getByRole('row').filter({ hasText: 'Pengiriman' })).toHaveCount(1);
    await expect(list).toContainText('hanya tersimpan di cabang itu');
    await list.scrollIntoViewIfNeeded();
    await shot(page, 'case-labels-02-console-service-categories');

    // The head office's conflict list, as it would list a conflict on that case's category.
    const conflict: ConsoleConflict = {
      id: 'k-1', tableName: 'cases', rowId: 'case-1', field: 'category',
      customer: { id, customerNumber: null, fullName: 'Wayan Sudarta', homeBranchCode: 'JKT01' },
      winner: { value: OWN.code, branchCode: 'JKT01', editedAt: new Date().toISOString() },
      loser: { value: 'delivery', branchCode: 'BDG01', editedAt: new Date().toISOString() },
      currentValue: OWN.code, detectedAt: new Date().toISOString(), status: 'open', resolvedBy: null, resolvedAt: null,
    } as ConsoleConflict;
    await page.route('**/admin/console/conflicts**', (route) => route.fulfill({ json: { ok: true, value: [conflict] } }));
    await page.getByRole('navigation').getByRole('link', { name: /^Konflik/ }).click();
    const card = page.getByRole('listitem', { name: 'Wayan Sudarta · Keluhan · Kategori' });
    await expect(card.getByTestId('conflict-winner').locator('.conflict-value__text')).toHaveText('Suku cadang');
    await expect(card.getByTestId('conflict-winner-code')).toHaveText('Kode: suku_cadang');
    await expect(card.getByTestId('conflict-winner-code')).toHaveAttribute('title', /hanya tersimpan di cabang itu/);
    await expect(card.getByTestId('conflict-loser').locator('.conflict-value__text')).toHaveText('Pengiriman');
    await shot(page, 'case-labels-03-console-conflict');
  } finally {
    await Promise.all([host.stop(), ho.dispose()]);
  }
});

async function signIn(page: Page, ho: HeadOffice) {
  await page.goto(`${ho.url}/console/`);
  await page.getByLabel('Nama Anda', { exact: true }).fill('Sari Wulandari');
  await page.getByLabel('Kunci admin', { exact: true }).fill(ho.adminKey);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kesehatan sinkronisasi', level: 1 })).toBeVisible();
}
