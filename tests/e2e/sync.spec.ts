import { expect, test, type Browser, type Page } from '@playwright/test';
import { shot, startHost, type BranchHost } from './support/host.js';
import { startHeadOffice, type HeadOffice } from './support/headoffice.js';

/**
 * Sync from the branch staff's side (REQUIREMENTS B1, B4, B5): a head office
 * and two branches in browser mode, each enrolled through its own screen;
 * a customer registered at Jakarta is found at Bandung through the head
 * office; both edit it while apart; the conflict is reviewed and reversed
 * at Bandung and both branches end with the same customer.
 */
const MANAGER = { username: 'kepala', password: 'kata-sandi-aman' };
const CLERK = { username: 'kasir', password: 'sandi-front-office' };

let ho: HeadOffice;
let jakarta: BranchHost;
let bandung: BranchHost;
const tokens: Record<string, string> = {};

async function setUpBranch(host: BranchHost, code: string, name: string, manager: string): Promise<void> {
  await host.must('setup.initialise', {
    branchName: name,
    branchCode: code,
    timeZone: 'WIB',
    manager: { username: MANAGER.username, displayName: manager, password: MANAGER.password },
  });
  const { sessionToken } = await host.must('auth.signIn', MANAGER);
  await host.must('users.create', { ...CLERK, displayName: `Kasir ${code}`, role: 'front_office' }, sessionToken);
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  [ho, jakarta, bandung] = await Promise.all([startHeadOffice(), startHost(), startHost()]);
  await Promise.all([
    setUpBranch(jakarta, 'JKT01', 'Cabang Jakarta Pusat', 'Ratna Wulandari'),
    setUpBranch(bandung, 'BDG01', 'Cabang Bandung Dago', 'Dedi Kurniawan'),
  ]);
  tokens.JKT01 = await ho.addBranch('JKT01', 'Jakarta Pusat');
  tokens.BDG01 = await ho.addBranch('BDG01', 'Bandung Dago');
});
test.afterAll(async () => {
  await Promise.all([jakarta?.stop(), bandung?.stop(), ho?.dispose()]);
});

async function signIn(browser: Browser, host: BranchHost, user: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(host.url);
  await page.getByLabel('Nama pengguna', { exact: true }).fill(user.username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

async function enrol(page: Page, token: string): Promise<void> {
  await page.getByLabel('Alamat kantor pusat', { exact: true }).fill(ho.url);
  await page.getByLabel('Token pendaftaran', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Daftarkan cabang', exact: true }).click();
  await expect(page.getByTestId('enrolled-url')).toHaveText(ho.url);
  await expect(panel(page).getByTestId('sync-state')).toHaveText('Terhubung ke kantor pusat');
}

const panel = (page: Page) => page.getByTestId('sync-panel');

/** Presses "Sinkronkan sekarang" (or its shortcut) and waits for the summary. */
async function syncNow(page: Page, how: 'button' | 'keyboard' = 'button') {
  const button = panel(page).getByRole('button', { name: /Sinkronkan sekarang|Menyinkronkan/ });
  const runs = Number(await panel(page).getAttribute('data-finished-runs'));
  if (how === 'keyboard') await page.keyboard.press('Control+Shift+S');
  else await button.click();
  await expect(panel(page)).toHaveAttribute('data-finished-runs', String(runs + 1));
  await expect(panel(page).getByTestId('sync-outcome')).toBeVisible();
  await expect(button).toBeEnabled();
  return panel(page).getByTestId('sync-outcome');
}

async function editCustomer(page: Page, fields: Record<string, string>) {
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: /^Ubah data/ })).toBeVisible();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();
}

test('two branches enrol, share a customer through the head office, and settle a conflict', async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await signIn(browser, jakarta, MANAGER);
  const b = await signIn(browser, bandung, MANAGER);

  await test.step('enrolment: bad address and wrong token are refused clearly, then both branches enrol', async () => {
    await expect(panel(a).getByTestId('sync-state')).toHaveText('Cabang belum didaftarkan ke kantor pusat');
    await shot(a, 'sync-01-not-enrolled');
    await panel(a).getByRole('link', { name: 'Daftarkan cabang' }).click();
    await expect(a.getByRole('heading', { name: 'Sinkronisasi', level: 1 })).toBeVisible();
    await a.getByLabel('Alamat kantor pusat', { exact: true }).fill('pusat-jakarta');
    await a.getByLabel('Token pendaftaran', { exact: true }).fill(tokens.JKT01);
    await a.getByRole('button', { name: 'Daftarkan cabang', exact: true }).click();
    await expect(a.getByText('Alamat tidak valid. Contoh: https://pusat.contoh.co.id')).toBeVisible();
    await a.getByLabel('Alamat kantor pusat', { exact: true }).fill('http://127.0.0.1:9');
    await a.getByRole('button', { name: 'Daftarkan cabang', exact: true }).click();
    await expect(a.getByText('Kantor pusat tidak menjawab di alamat ini.', { exact: false })).toBeVisible();
    await a.getByLabel('Alamat kantor pusat', { exact: true }).fill(ho.url);
    await a.getByLabel('Token pendaftaran', { exact: true }).fill('token-yang-salah-sekali');
    await a.getByRole('button', { name: 'Daftarkan cabang', exact: true }).click();
    await expect(a.getByRole('alert').filter({ hasText: 'Token pendaftaran cabang tidak berlaku' })).toBeVisible();
    await shot(a, 'sync-02-enrol-wrong-token');
    await enrol(a, tokens.JKT01);
    // The schedule is off for this test: only the button syncs.
    await a.getByLabel('Sinkronkan otomatis', { exact: true }).selectOption('0');
    await a.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect(a.getByText('Jadwal disimpan.')).toBeVisible();
    await shot(a, 'sync-03-enrolled');

    await b.getByRole('link', { name: 'Sinkronisasi', exact: true }).click();
    await enrol(b, tokens.BDG01);
  });

  await test.step('Jakarta registers a customer and syncs with the button: progress, then a summary', async () => {
    await a.getByRole('link', { name: 'Pelanggan', exact: true }).click();
    await a.keyboard.press('n');
    await a.getByLabel('Nama lengkap', { exact: true }).fill('Wayan Sudarta');
    await a.getByLabel('Telepon 1', { exact: true }).fill('+62 813 1111 2222');
    await a.keyboard.press('Control+s');
    await expect(a.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();
    await expect(panel(a).getByTestId('sync-pending')).toHaveText('2'); // the customer and the phone
    await shot(a, 'sync-04-pending');

    // Every label the progress bar showed during the run, fed by sync.progress events.
    await a.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="sync-progress-label"]')?.textContent;
        if (label && seen[seen.length - 1] !== label) seen.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const outcome = await syncNow(a);
    await expect(outcome).toContainText('Sinkronisasi selesai.');
    await expect(outcome.getByTestId('sync-outcome-sent')).toHaveText('2');
    // The head office routes every row back to its own branch too (a replaced laptop must get it), so
    // the pull that follows the push reads the two rows back.
    await expect(outcome.getByTestId('sync-outcome-received')).toHaveText('2');
    await expect(outcome.getByTestId('sync-outcome-conflicts')).toHaveText('0');
    await expect(outcome.getByTestId('sync-outcome-refused')).toHaveText('0');
    await expect(panel(a).getByRole('progressbar')).toHaveCount(0);
    const seen = await a.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((label) => /dari 2 perubahan terkirim$/.test(label))).toBe(true);
    await expect(panel(a).getByTestId('sync-pending')).toHaveText('0');
    await expect(panel(a).getByTestId('sync-last-synced')).toHaveText('baru saja');
    await expect(panel(a).locator('time')).toHaveAttribute('title', /\d{4} \d{2}\.\d{2} WIB$/);
    await shot(a, 'sync-05-synced-summary');
  });

  await test.step('Bandung does not have the customer; "Cari di kantor pusat" fetches it by the phone typed as 08…', async () => {
    await b.getByRole('link', { name: 'Pelanggan', exact: true }).click();
    await b.keyboard.press('/');
    await b.keyboard.type('0899-0000-1111');
    await b.getByRole('button', { name: 'Cari di kantor pusat' }).click();
    await expect(b.getByText('Kantor pusat juga tidak menemukan pelanggan dengan “0899-0000-1111”.', { exact: false })).toBeVisible();
    await shot(b, 'sync-06-remote-not-found');
    await b.getByRole('searchbox').fill('0813-1111-2222');
    await expect(b.getByText('Tidak ada pelanggan yang cocok dengan “0813-1111-2222”.')).toBeVisible();
    await b.getByRole('button', { name: 'Cari di kantor pusat' }).click();
    await expect(b.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();
    await expect(b.getByText('0813-1111-2222')).toBeVisible();
  });

  await test.step('both edit the customer while apart: the same field (nickname) and one different field each', async () => {
    await editCustomer(a, { 'Nama panggilan': 'Pak Wayan', Pekerjaan: 'Petani' });
    await editCustomer(b, { 'Nama panggilan': 'Bli Wayan', Kota: 'Denpasar' });
    await syncNow(a, 'keyboard');
    const atBandung = await syncNow(b);
    await expect(atBandung.getByTestId('sync-outcome-conflicts')).toHaveText('1');
    await shot(b, 'sync-07-new-conflict-summary');
    await syncNow(a);
    await expect(panel(a).getByTestId('sync-conflicts-link')).toHaveText('1');
  });

  let otherValue = '';
  await test.step('the conflict shows both values at both branches; front office may look but not decide', async () => {
    await panel(a).getByTestId('sync-conflicts-link').click();
    const atJakarta = a.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' });
    await expect(atJakarta).toBeVisible();
    await expect(atJakarta).toContainText('Pak Wayan');
    await expect(atJakarta).toContainText('Bli Wayan');
    await shot(a, 'sync-08-conflicts-jakarta');

    await b.getByRole('link', { name: /^Konflik/ }).click();
    const atBandung = b.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' });
    const inUse = (await atBandung.getByTestId('conflict-winner').locator('.conflict-value__text').textContent()) ?? '';
    otherValue = (await atBandung.getByTestId('conflict-loser').locator('.conflict-value__text').textContent()) ?? '';
    expect([inUse, otherValue].sort()).toEqual(['Bli Wayan', 'Pak Wayan']);

    const clerk = await signIn(browser, bandung, CLERK);
    await clerk.getByRole('link', { name: /^Konflik/ }).click();
    await expect(clerk.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' })).toContainText(otherValue);
    await expect(clerk.getByText('Anda dapat melihat konflik; keputusan diambil oleh back office atau kepala cabang.')).toBeVisible();
    await expect(clerk.getByRole('button', { name: /Pakai nilai/ })).toHaveCount(0);
    await shot(clerk, 'sync-09-conflicts-front-office');
    await clerk.context().close();
  });

  await test.step('the Bandung manager keeps the other value, with a confirmation', async () => {
    const card = b.getByRole('listitem', { name: 'Wayan Sudarta · Nama panggilan' });
    await card.getByRole('button', { name: 'Pakai nilai lain' }).click();
    await expect(card.getByText(`Pakai “${otherValue}” untuk Nama panggilan Wayan Sudarta?`)).toBeVisible();
    await shot(b, 'sync-10-confirm');
    await card.getByRole('button', { name: 'Ya, pakai nilai ini' }).click();
    await expect(b.getByText('Tidak ada konflik yang perlu diputuskan.')).toBeVisible();
    await b.getByRole('button', { name: 'Semua', exact: true }).click();
    await expect(b.getByTestId('conflict-resolution')).toHaveText(
      new RegExp(`^Diputuskan oleh Dedi Kurniawan, .+ WIB: memakai nilai lain “${otherValue}”\\.$`),
    );
    await shot(b, 'sync-11-resolved');
  });

  await test.step('after both sync, both branches show that value, both edits of other fields, and the conflict resolved', async () => {
    await syncNow(b);
    await syncNow(a);
    await expect(a.getByText('Tidak ada konflik yang perlu diputuskan.')).toBeVisible();
    await expect(panel(a).getByTestId('sync-conflicts-link')).toHaveText('0');
    await a.getByRole('button', { name: 'Semua', exact: true }).click();
    await expect(a.getByTestId('conflict-resolution')).toContainText(`Diputuskan oleh Dedi Kurniawan`);
    await shot(a, 'sync-12-resolved-at-jakarta');
    for (const page of [a, b]) {
      await page.getByRole('link', { name: 'Wayan Sudarta' }).first().click();
      await expect(page.getByRole('heading', { name: 'Wayan Sudarta' })).toBeVisible();
      await expect(page.locator('.profile__nickname')).toHaveText(`“${otherValue}”`);
      await expect(page.getByText('Petani', { exact: true })).toBeVisible();
      await expect(page.getByText('Denpasar', { exact: true })).toBeVisible();
    }
    await shot(a, 'sync-13-profile-after');
  });

  await test.step('with the head office gone: offline state with the reason, and the head-office search says so', async () => {
    await ho.stop();
    const outcome = await syncNow(a);
    await expect(outcome).toContainText('Sinkronisasi gagal. Layanan sedang tidak tersedia.');
    await expect(panel(a).getByTestId('sync-state')).toHaveText('Offline: kantor pusat tidak terjangkau');
    await expect(outcome).toHaveAttribute('title', /head office unreachable/);
    await shot(a, 'sync-14-offline');
    await b.keyboard.press('/');
    await b.keyboard.type('0877-1234-5678');
    await b.getByRole('button', { name: 'Cari di kantor pusat' }).click();
    await expect(b.getByText('Pencarian di kantor pusat butuh koneksi.', { exact: false })).toBeVisible();
    await shot(b, 'sync-15-remote-offline');
  });

  await test.step('the conflict screen in English', async () => {
    await b.getByRole('button', { name: 'EN', exact: true }).click();
    await b.getByRole('link', { name: /^Conflicts/ }).click();
    await b.getByRole('button', { name: 'All', exact: true }).click();
    const card = b.getByRole('listitem', { name: 'Wayan Sudarta · Nickname' });
    await expect(card.getByTestId('conflict-resolution')).toHaveText(new RegExp(`^Decided by Dedi Kurniawan, .+ WIB: used the other value “${otherValue}”\\.$`));
    await expect(panel(b).getByTestId('sync-state')).toHaveText('Connected to the head office');
    await shot(b, 'sync-16-conflicts-english');
  });
});
