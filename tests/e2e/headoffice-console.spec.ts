import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { shot, startHost } from './support/host.js';
import { setUpBranch, startHeadOffice, type HeadOffice, type ManagedBranch } from './support/headoffice.js';

/**
 * The head-office console in Chromium (REQUIREMENTS B4, B6, B9, P6): a head
 * office on PostgreSQL and two branch hosts in browser mode. The console
 * registers both branches and hands out their enrolment tokens (the branches
 * really enrol with them), shows both in sync health, settles a conflict the
 * two branches made on one customer, merges a duplicate pair and undoes it,
 * warns about a branch silent for days, and revokes it. Branches act through
 * RPC, as their staff would through their own screens (tested elsewhere).
 */
const ADMIN_NAME = 'Sari Wulandari';

let ho: HeadOffice;
type Branch = ManagedBranch;
let jakarta: Branch;
let bandung: Branch;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [office, a, b] = await Promise.all([startHeadOffice(), startHost(), startHost()]);
  ho = office;
  [jakarta, bandung] = await Promise.all([setUpBranch(a, 'JKT01', 'Cabang Jakarta Pusat'), setUpBranch(b, 'BDG01', 'Cabang Bandung Dago')]);
  await Promise.all([jakarta.call('sync.setInterval', { minutes: 0 }), bandung.call('sync.setInterval', { minutes: 0 })]);
});
test.afterAll(async () => {
  await Promise.all([jakarta?.host.stop(), bandung?.host.stop(), ho?.dispose()]);
});

const sync = (...branches: Branch[]) => branches.reduce((p, b) => p.then(() => b.call('sync.now', {})), Promise.resolve());

async function openConsole(page: Page) {
  await page.goto(`${ho.url}/console/`);
  await page.getByLabel('Nama Anda', { exact: true }).fill(ADMIN_NAME);
  await page.getByLabel('Kunci admin', { exact: true }).fill(ho.adminKey);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kesehatan sinkronisasi', level: 1 })).toBeVisible();
}

const nav = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('link', { name });

test.describe.configure({ mode: 'serial' });

test('sign-in refuses a wrong key; the console registers two branches whose tokens enrol them; sync health shows both', async ({ page }) => {
  test.setTimeout(90_000);
  await test.step('sign-in: name and key are required, a wrong key is refused, the key never enters the address', async () => {
    await page.goto(`${ho.url}/console`);
    await expect(page).toHaveURL(`${ho.url}/console/`);
    await expect(page.getByRole('heading', { name: 'Masuk ke konsol kantor pusat' })).toBeVisible();
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByText('Tempelkan kunci admin.')).toBeVisible();
    await page.getByLabel('Kunci admin', { exact: true }).fill('kunci-yang-salah-sama-sekali-000');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByText('Tulis nama Anda.')).toBeVisible();
    await page.getByLabel('Nama Anda', { exact: true }).fill(ADMIN_NAME);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Kunci admin ini tidak dikenal atau sudah dicabut.' })).toBeVisible();
    await expect(page.getByLabel('Kunci admin', { exact: true })).toHaveValue('');
    await shot(page, 'console-01-sign-in-refused');
    await page.getByLabel('Kunci admin', { exact: true }).fill(ho.adminKey);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Kesehatan sinkronisasi', level: 1 })).toBeVisible();
    await expect(page.getByTestId('console-admin-name')).toHaveText(ADMIN_NAME);
    await expect(page.getByText('Belum ada cabang yang terdaftar.')).toBeVisible();
    expect(page.url()).not.toContain(ho.adminKey);
    // A reload keeps the sign-in of this tab.
    await page.reload();
    await expect(page.getByTestId('console-admin-name')).toHaveText(ADMIN_NAME);
  });

  await test.step('branches: a wrong code gets a field error; two branches are added; a taken code is refused', async () => {
    await page.getByRole('link', { name: 'Daftarkan cabang pertama' }).click();
    await expect(page.getByRole('heading', { name: 'Cabang', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Daftarkan cabang baru' });
    await form.getByLabel('Kode cabang').fill('J');
    await form.getByLabel('Nama cabang').fill('Jakarta Pusat');
    await form.getByRole('button', { name: 'Tambahkan cabang' }).click();
    await expect(form.getByText('Kode cabang 2-8 huruf besar atau angka, misalnya JKT01.')).toBeVisible();
    await form.getByLabel('Kode cabang').fill('jkt01');
    await expect(form.getByLabel('Kode cabang')).toHaveValue('JKT01');
    await form.getByRole('button', { name: 'Tambahkan cabang' }).click();
    await expect(form.getByText('Cabang JKT01 ditambahkan.', { exact: false })).toBeVisible();
    await form.getByLabel('Kode cabang').fill('BDG01');
    await form.getByLabel('Nama cabang').fill('Bandung Dago');
    await form.getByRole('button', { name: 'Tambahkan cabang' }).click();
    await expect(page.getByTestId('branch-BDG01')).toBeVisible();
    await form.getByLabel('Kode cabang').fill('BDG01');
    await form.getByLabel('Nama cabang').fill('Bandung lagi');
    await form.getByRole('button', { name: 'Tambahkan cabang' }).click();
    await expect(form.getByText('Kode cabang ini sudah dipakai cabang lain.')).toBeVisible();
    await expect(page.locator('tbody tr[data-testid^="branch-"]')).toHaveCount(2);
  });

  await test.step('each branch gets a one-time token on screen and enrols with it', async () => {
    for (const branch of [jakarta, bandung]) {
      await page.getByTestId(`branch-${branch.code}`).getByRole('button', { name: 'Buat token pendaftaran' }).click();
      const card = page.getByTestId('issued-token');
      await expect(card).toContainText(`Token pendaftaran untuk ${branch.code}`);
      const token = await card.getByTestId('token-value').inputValue();
      expect(token.length).toBeGreaterThan(30);
      await expect(page.getByTestId(`branch-${branch.code}`).getByTestId('branch-enrolment')).toHaveText('Token pendaftaran sudah dibuat, menunggu dipakai');
      if (branch === bandung) await shot(page, 'console-02-branches-token');
      const enrolled = await branch.call('sync.enrol', { url: ho.url, token });
      expect(enrolled.branchCode).toBe(branch.code);
    }
    await page.getByRole('button', { name: 'Tutup', exact: true }).click();
    await nav(page, /^Kesehatan sinkronisasi/).click();
    await page.getByRole('button', { name: 'Perbarui', exact: true }).click();
    for (const code of ['JKT01', 'BDG01']) {
      await expect(page.getByTestId(`health-${code}`)).toContainText('Sudah terdaftar tetapi belum pernah sinkron');
    }
  });

  await test.step('after both sync, sync health shows both healthy: last sync, pending, schema', async () => {
    await sync(jakarta, bandung);
    await page.getByRole('button', { name: 'Perbarui', exact: true }).click();
    for (const code of ['JKT01', 'BDG01']) {
      const row = page.getByTestId(`health-${code}`);
      await expect(row).toHaveAttribute('data-tone', 'ok');
      await expect(row.getByTestId('health-last-sync')).toHaveText('baru saja');
      await expect(row.getByTestId('health-pending')).toHaveText('0');
      await expect(row.getByTestId('health-schema')).toHaveText('4');
      await expect(row).toContainText('Sehat');
      await expect(row).toContainText('Aktif');
    }
    await expect(page.getByText('Semua cabang yang terdaftar sudah sinkron dalam 24 jam terakhir.')).toBeVisible();
    await shot(page, 'console-03-health-two-branches');
    // Keyboard: 4 opens the branches, 1 comes back; typing in a field is not a shortcut.
    await page.keyboard.press('4');
    await expect(page.getByRole('heading', { name: 'Cabang', level: 1 })).toBeVisible();
    await page.getByLabel('Nama cabang').fill('1');
    await expect(page.getByRole('heading', { name: 'Cabang', level: 1 })).toBeVisible();
    await page.getByLabel('Nama cabang').fill('');
    await page.getByRole('heading', { name: 'Cabang', level: 1 }).click();
    await page.keyboard.press('1');
    await expect(page.getByRole('heading', { name: 'Kesehatan sinkronisasi', level: 1 })).toBeVisible();
  });
});

test('a conflict between the two branches shows both values; keeping the other value reaches both branches', async ({ page }) => {
  test.setTimeout(90_000);
  const customer = await jakarta.call('customers.create', { fullName: 'Wayan Sudarta', phones: [{ number: '0813-1111-2222' }] });
  await sync(jakarta);
  await bandung.call('customers.fetchRemote', { key: '0813-1111-2222' });
  await jakarta.call('customers.update', { id: customer.id, patch: { nickname: 'Pak Wayan' } });
  await bandung.call('customers.update', { id: customer.id, patch: { nickname: 'Bli Wayan' } });
  await sync(jakarta, bandung, jakarta);

  await openConsole(page);
  await expect(nav(page, /^Konflik/).locator('.nav-item__count')).toHaveText('1');
  await nav(page, /^Konflik/).click();
  const card = page.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' });
  await expect(card).toContainText('Pak Wayan');
  await expect(card).toContainText('Bli Wayan');
  const inUse = (await card.getByTestId('conflict-winner').locator('.conflict-value__text').textContent()) ?? '';
  const other = (await card.getByTestId('conflict-loser').locator('.conflict-value__text').textContent()) ?? '';
  expect([inUse, other].sort()).toEqual(['Bli Wayan', 'Pak Wayan']);
  const otherBranch = other === 'Pak Wayan' ? 'JKT01' : 'BDG01';
  await expect(card.getByTestId('conflict-loser-origin')).toContainText(`Diubah di cabang ${otherBranch}`);
  await expect(card.getByTestId('conflict-winner-origin')).toContainText(`Diubah di cabang ${otherBranch === 'JKT01' ? 'BDG01' : 'JKT01'}`);
  await shot(page, 'console-04-conflict-both-values');

  await card.getByRole('button', { name: 'Pakai nilai lain' }).click();
  await expect(card.getByText(`Pakai “${other}” untuk Nama panggilan Wayan Sudarta?`)).toBeVisible();
  await shot(page, 'console-05-conflict-confirm');
  await card.getByRole('button', { name: 'Ya, pakai nilai ini' }).click();
  await expect(page.getByText('Tidak ada konflik yang perlu diputuskan.')).toBeVisible();
  await page.getByRole('button', { name: 'Semua', exact: true }).click();
  const resolved = page.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' });
  await expect(resolved.getByTestId('conflict-resolution')).toContainText(`Diputuskan oleh ${ADMIN_NAME}`);
  await expect(resolved.getByTestId('conflict-resolution')).toContainText(`memakai nilai lain “${other}”`);
  await shot(page, 'console-06-conflict-resolved');
  await expect(nav(page, /^Konflik/).locator('.nav-item__count')).toHaveCount(0);

  await sync(jakarta, bandung);
  for (const branch of [jakarta, bandung]) {
    expect((await branch.call('customers.get', { id: customer.id })).nickname).toBe(other);
    expect(await branch.call('sync.conflicts', { status: 'open' })).toEqual([]);
  }
});

test('a duplicate pair across the branches is merged with all its history, then the merge is undone', async ({ page }) => {
  test.setTimeout(90_000);
  const a = await jakarta.call('customers.create', { fullName: 'Muhammad Rizki', birthDate: '1990-05-17', phones: [{ number: '0812-1111-2222' }] });
  const b = await bandung.call('customers.create', { fullName: 'Muhamad Rizky', birthDate: '1990-05-17', phones: [{ number: '+62 812 1111 2222' }], emails: [{ address: 'rizky@contoh.co.id' }] });
  await sync(jakarta, bandung);

  await openConsole(page);
  await nav(page, /^Duplikat/).click();
  const card = page.getByRole('listitem', { name: 'Muhammad Rizki · Muhamad Rizky' }).or(page.getByRole('listitem', { name: 'Muhamad Rizky · Muhammad Rizki' }));
  await expect(card.getByTestId('duplicate-reason')).toHaveText(['Nama mirip, tanggal lahir sama: 17 Mei 1990', 'Telepon sama: 0812-1111-2222']);
  const atJakarta = card.locator('[data-testid^="duplicate-person-"]').filter({ hasText: 'Terdaftar di JKT01' });
  const atBandung = card.locator('[data-testid^="duplicate-person-"]').filter({ hasText: 'Terdaftar di BDG01' });
  await expect(atJakarta).toContainText('Muhammad Rizki');
  await expect(atBandung).toContainText('rizky@contoh.co.id');
  await expect(atBandung).toContainText('2 data');
  await shot(page, 'console-07-duplicate-pair');

  await atJakarta.getByRole('button', { name: 'Pertahankan pelanggan ini' }).click();
  await expect(card.getByText('Gabungkan Muhamad Rizky ke Muhammad Rizki?')).toBeVisible();
  await shot(page, 'console-08-duplicate-confirm-merge');
  await card.getByRole('button', { name: 'Ya, gabungkan' }).click();
  await expect(page.getByText('Tidak ada kemungkinan duplikat yang perlu diputuskan.')).toBeVisible();
  await page.getByRole('button', { name: 'Digabungkan', exact: true }).click();
  await expect(card.getByTestId('duplicate-outcome')).toContainText(`Digabungkan oleh ${ADMIN_NAME}`);
  await expect(card.getByTestId('duplicate-outcome')).toContainText('Muhamad Rizky → Muhammad Rizki (2 data dipindahkan)');
  await expect(atBandung).toContainText('diarsipkan');
  await shot(page, 'console-09-duplicate-merged');

  await sync(jakarta, bandung);
  for (const branch of [jakarta, bandung]) {
    expect((await branch.call('customers.get', { id: b.id })).archivedAt).not.toBeNull();
    const winner = await branch.call('customers.get', { id: a.id });
    expect(winner.emails.map((e: { address: string }) => e.address)).toContain('rizky@contoh.co.id');
  }

  await card.getByRole('button', { name: 'Batalkan penggabungan' }).click();
  await expect(card.getByText('Batalkan penggabungan Muhamad Rizky ke Muhammad Rizki?')).toBeVisible();
  await card.getByRole('button', { name: 'Batalkan penggabungan' }).last().click();
  await expect(page.getByText('Belum ada pelanggan yang digabungkan.')).toBeVisible();
  await page.getByRole('button', { name: 'Belum diputuskan', exact: true }).click();
  await expect(card.getByRole('button', { name: 'Pertahankan pelanggan ini' })).toHaveCount(2);
  await shot(page, 'console-10-duplicate-undone');

  await sync(jakarta, bandung);
  for (const branch of [jakarta, bandung]) {
    expect((await branch.call('customers.get', { id: b.id })).archivedAt).toBeNull();
    const winner = await branch.call('customers.get', { id: a.id });
    expect(winner.emails.map((e: { address: string }) => e.address)).not.toContain('rizky@contoh.co.id');
  }

  // On a second look they are two people after all: dismissed, kept apart, listed under "Semua".
  await card.getByRole('button', { name: 'Bukan duplikat' }).click();
  await expect(card.getByText('Tandai pasangan ini bukan duplikat?')).toBeVisible();
  await card.getByRole('button', { name: 'Bukan duplikat' }).last().click();
  await expect(page.getByText('Tidak ada kemungkinan duplikat yang perlu diputuskan.')).toBeVisible();
  await expect(nav(page, /^Duplikat/).locator('.nav-item__count')).toHaveCount(0);
  await page.getByRole('button', { name: 'Semua', exact: true }).click();
  await expect(card.getByTestId('duplicate-outcome')).toContainText(`Ditandai bukan duplikat oleh ${ADMIN_NAME}`);
  await expect(card.getByRole('button')).toHaveCount(0);
});

test('a branch silent for three days is flagged in red; revoking it takes it out of sync; English on request', async ({ page }) => {
  test.setTimeout(90_000);
  // Three days of silence at Bandung, as the head office would have recorded them.
  const client = new pg.Client({ connectionString: ho.databaseUrl });
  await client.connect();
  try {
    await client.query("UPDATE sync_nodes SET last_pull_at = now() - interval '3 days 2 hours' WHERE branch_id = (SELECT id FROM branches WHERE code = 'BDG01')");
  } finally {
    await client.end();
  }

  await openConsole(page);
  const row = page.getByTestId('health-BDG01');
  await expect(row).toHaveAttribute('data-tone', 'danger');
  await expect(row).toContainText('Belum sinkron selama 3 hari');
  await expect(row.getByTestId('health-data-age')).toHaveText('3 hari');
  await expect(page.getByRole('alert').filter({ hasText: '1 cabang belum sinkron lebih dari 24 jam' })).toContainText('BDG01');
  await expect(page.getByTestId('health-JKT01')).toHaveAttribute('data-tone', 'ok');
  await expect(nav(page, /^Kesehatan sinkronisasi/).locator('.nav-item__count')).toHaveText('1');
  // The branch that needs attention comes first.
  await expect(page.locator('tbody tr').first()).toHaveAttribute('data-testid', 'health-BDG01');
  await shot(page, 'console-11-health-stale');
  // With many branches: only those needing attention, and a search by code or name.
  await page.getByRole('button', { name: 'Perlu perhatian (1)' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('health-JKT01')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Cari kode atau nama cabang' }).fill('jakarta');
  await expect(page.getByText('Tidak ada cabang yang cocok.')).toBeVisible();
  await page.getByRole('button', { name: 'Semua (2)' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('health-JKT01')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Cari kode atau nama cabang' }).fill('');
  await expect(page.locator('tbody tr')).toHaveCount(2);

  await nav(page, /^Cabang/).click();
  await page.getByTestId('branch-BDG01').getByRole('button', { name: 'Cabut akses' }).click();
  await expect(page.getByText('Cabut akses cabang BDG01 · Bandung Dago?')).toBeVisible();
  await shot(page, 'console-12-revoke-confirm');
  await page.getByRole('button', { name: 'Ya, cabut BDG01' }).click();
  await expect(page.getByTestId('branch-BDG01')).toContainText('Dicabut');
  await expect(page.getByTestId('branch-BDG01').getByRole('button')).toHaveCount(0);
  const refused = await bandung.host.rpc('sync.now', {}, bandung.session);
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.code).toBe('BRANCH_REVOKED');

  await nav(page, /^Kesehatan sinkronisasi/).click();
  await expect(page.getByTestId('health-BDG01')).toContainText('Akses dicabut');
  await expect(page.getByTestId('health-BDG01')).toHaveAttribute('data-tone', 'revoked');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sync health', level: 1 })).toBeVisible();
  await expect(page.getByTestId('health-BDG01')).toContainText('Revoked');
  await expect(page.getByTestId('health-JKT01')).toContainText('Healthy');
  await shot(page, 'console-13-health-english');
  await page.getByRole('button', { name: 'ID', exact: true }).click();

  // The admin key is revoked while the console is open (as `admin-token rotate` does): the next call signs out.
  const admin = new pg.Client({ connectionString: ho.databaseUrl });
  await admin.connect();
  try {
    await admin.query('UPDATE admin_tokens SET revoked_at = now() WHERE revoked_at IS NULL');
  } finally {
    await admin.end();
  }
  await page.getByRole('button', { name: 'Perbarui', exact: true }).click();
  await expect(page.getByText('Kunci admin tidak diterima lagi (mungkin baru diganti). Masuk lagi dengan kunci yang berlaku.')).toBeVisible();
  await expect(page.getByLabel('Kunci admin', { exact: true })).toHaveValue('');
  expect(await page.evaluate(() => sessionStorage.getItem('simpul.console.session'))).toBeNull();
});
