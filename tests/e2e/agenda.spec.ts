import { expect, test } from '@playwright/test';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';
import { todayIn } from '../../src/shared/domain/dates.js';
import { addDays } from '../../src/shared/domain/agenda.js';

let host: BranchHost;
let manager: string;
let siti: { id: string };
let dewi: { id: string };
const today = todayIn('WIB');
const inTwoDays = addDays(today, 2);

test.beforeAll(async () => {
  host = await startHost();
  manager = await prepareBranch(host);
  siti = await host.must('customers.create', { fullName: 'Siti Nurhaliza', phones: [{ number: '0812-3456-7890', whatsapp: true }], preferredChannel: 'whatsapp' }, manager);
  // Born 35 years before the day after tomorrow: the birthday reminder (3 days ahead by default) shows it today.
  dewi = await host.must('customers.create', { fullName: 'Dewi Lestari', birthDate: `${Number(inTwoDays.slice(0, 4)) - 35}${inTwoDays.slice(4)}`, phones: [{ number: '0813-1111-2222' }] }, manager);
  // Only the birthday rule, so the agenda holds exactly what this test plans.
  const rules = await host.must('reminders.rules', {}, manager);
  await host.must('reminders.saveRules', { ...rules, never_reached: { ...rules.never_reached, enabled: false }, lapsed: { ...rules.lapsed, enabled: false } }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('plan a contact on the profile, see it on the agenda and capture its outcome without the mouse', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.url.split('#')[0]}#/customers/${siti.id}`);
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();

  await page.keyboard.press('r');
  const plan = page.getByRole('dialog', { name: 'Rencanakan kontak' });
  await expect(plan).toBeVisible();
  await expect(plan.getByLabel('Tanggal', { exact: true })).toBeFocused();
  // Day first, as the UI writes dates (the browser's own date field would follow the computer's locale).
  await expect(plan.getByLabel('Tanggal', { exact: true })).toHaveValue(today.split('-').reverse().join('/'));
  // The customer's preferred channel is chosen already.
  await expect(plan.getByRole('radio', { name: 'WhatsApp' })).toHaveAttribute('aria-checked', 'true');
  // A time typed as digits reads as 10.30, the Indonesian way.
  await plan.getByLabel('Jam (boleh kosong)').fill('1030');
  await plan.getByLabel('Jam (boleh kosong)').blur();
  await expect(plan.getByLabel('Jam (boleh kosong)')).toHaveValue('10.30');
  await plan.getByLabel('Alasan').fill('Tawarkan servis berkala');
  await plan.getByRole('radio', { name: 'Mingguan' }).focus();
  await page.keyboard.press('Space');
  await shot(page, '40-plan-dialog');
  await plan.getByLabel('Alasan').focus();
  await page.keyboard.press('Enter');
  await expect(plan).toHaveCount(0);
  await expect(page.getByText(/Kontak direncanakan pada .* oleh Budi Santoso/)).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { name: 'Agenda hari ini' })).toBeVisible();
  const first = page.getByRole('listbox').getByRole('option').first();
  await expect(first).toContainText('Siti Nurhaliza');
  await expect(first).toContainText('10.30');
  await expect(first).toContainText('Tawarkan servis berkala');
  await expect(first).toContainText('setiap 1 minggu');
  await expect(first).toContainText('Budi Santoso');
  await shot(page, '41-agenda-today');

  // Enter captures the outcome: "S" picks Selesai, Tab to channel, purpose, notes; Enter saves.
  await page.keyboard.press('Enter');
  const outcome = page.getByRole('dialog', { name: 'Catat hasil kontak' });
  await expect(outcome).toBeVisible();
  await page.keyboard.press('t');
  await page.keyboard.press('t');
  await expect(outcome.getByRole('radio', { name: 'Terjual' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Setuju servis hari Sabtu');
  await shot(page, '42-outcome-dialog');
  await page.keyboard.press('Enter');
  await expect(outcome).toHaveCount(0);
  await expect(page.getByText(/Hasil dicatat. Kontak berikutnya/)).toBeVisible();
  await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: 'Siti Nurhaliza' })).toHaveCount(0);

  const profile = await host.must('customers.profile360', { id: siti.id }, manager);
  expect(profile.timeline.entries.find((e: any) => e.kind === 'interaction')).toMatchObject({
    channel: 'whatsapp', direction: 'outbound', outcome: 'sold', notes: 'Setuju servis hari Sabtu', staffName: CLERK.displayName,
  });
  // The weekly plan is back on the week's agenda, seven days on.
  await page.keyboard.press('w');
  await expect(page.getByRole('heading', { name: 'Agenda minggu ini' })).toBeVisible();
  const week = await host.must('agenda.list', { staffId: null, range: 'week', reminders: false }, manager);
  expect(week.items).toEqual([]);
  const later = await host.must('agenda.list', { staffId: null, date: addDays(today, 7), reminders: false }, manager);
  expect(later.items.map((i) => [i.customerName, i.dueTime])).toEqual([['Siti Nurhaliza', '10:30']]);
});

test('a birthday reminder appears on the agenda and is dismissed from the keyboard', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('navigation').getByRole('link', { name: 'Agenda' }).click();
  const row = page.getByRole('listbox').getByRole('option').filter({ hasText: 'Dewi Lestari' });
  await expect(row).toContainText('Ucapan ulang tahun');
  await expect(row).toContainText('Ulang tahun ke-35');
  await expect(row).toContainText('Pengingat cabang');
  await shot(page, '43-agenda-birthday');
  await row.focus();
  await page.keyboard.press('d');
  const dismiss = page.getByRole('dialog', { name: 'Abaikan pengingat' });
  await expect(dismiss).toBeVisible();
  await page.keyboard.type('Sudah diberi ucapan di toko');
  await page.keyboard.press('Enter');
  await expect(dismiss).toHaveCount(0);
  await expect(page.getByRole('listbox').getByRole('option').filter({ hasText: 'Dewi Lestari' })).toHaveCount(0);
  const agenda = await host.must('agenda.list', { staffId: null, range: 'week' }, manager);
  expect(agenda.items.filter((i) => i.customerId === dewi.id)).toEqual([]);
});

test('the branch manager sets the reminder rules; a clerk sees them read-only', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.goto(`${host.url.split('#')[0]}#/agenda/rules`);
  await expect(page.getByText('Hanya kepala cabang yang bisa mengubah aturan ini.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Simpan aturan' })).toHaveCount(0);
  await shot(page, '44-reminder-rules');
});

test('a long agenda comes a page at a time: the count says how many, "show more" brings the rest', async ({ page }) => {
  const clerkId = (await host.must('agenda.staff', {}, manager)).find((s) => s.name === CLERK.displayName)!.id;
  const planned = 104;
  for (let i = 0; i < planned; i++) {
    const c = await host.must('customers.create', { fullName: `Pelanggan Antre ${String(i).padStart(3, '0')}` }, manager);
    await host.must('plans.add', { customerId: c.id, staffId: clerkId, channel: 'phone', purpose: 'service', dueDate: inTwoDays }, manager);
  }
  const week = await host.must('agenda.list', { staffId: clerkId, range: 'week', reminders: false }, manager);
  const total = week.plansTotal;
  expect(total).toBeGreaterThan(100);
  expect(week.items).toHaveLength(100);
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('navigation').getByRole('link', { name: 'Agenda' }).click();
  await page.keyboard.press('w');
  const more = page.getByTestId('agenda-more-plans');
  await expect(more).toContainText(`100 dari ${total} rencana kontak ditampilkan.`);
  await more.getByRole('button', { name: `Tampilkan ${total - 100} lagi` }).click();
  await expect(more).toHaveCount(0);
  await expect(page.getByRole('option').filter({ hasText: 'Pelanggan Antre 103' })).toHaveCount(1);
  await expect(page.getByRole('option').filter({ hasText: 'Pelanggan Antre' })).toHaveCount(planned);
});
