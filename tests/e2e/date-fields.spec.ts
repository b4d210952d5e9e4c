import { expect, test } from '@playwright/test';
import { todayIn } from '../../src/shared/domain/dates.js';
import { CLERK, prepareBranch, shot, signInThroughUi, startHost, type BranchHost } from './support/host.js';

/**
 * Date and time fields (design/DateInput, design/TimeInput) on a computer
 * whose browser speaks American English: a native date field would show
 * mm/dd/yyyy and a native time field 09:30 AM there. The app's fields write
 * dates day first and times on the 24-hour clock in the UI's language,
 * take them from the keyboard, and explain a wrong one in that language.
 */
test.use({ locale: 'en-US' });

let host: BranchHost;
let siti: { id: string };
const dmy = (iso: string) => iso.split('-').reverse().join('/');

test.beforeAll(async () => {
  host = await startHost();
  const manager = await prepareBranch(host);
  siti = await host.must('customers.create', { fullName: 'Siti Nurhaliza', phones: [{ number: '0812-3456-7890' }] }, manager);
});
test.afterAll(async () => {
  await host?.stop();
});

test('the appointments day is picked by typing a day-first date; a wrong date is explained in Indonesian', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('navigation').getByRole('link', { name: 'Janji temu' }).click();
  const day = page.getByLabel('Pilih tanggal', { exact: true });
  await expect(day).toHaveValue(dmy(todayIn('WIB')));
  await expect(day).toHaveAttribute('placeholder', 'hh/bb/tttt');

  // Digits only: the slashes come by themselves, and the day opens at once.
  await day.fill('');
  await day.pressSequentially('25122026');
  await expect(day).toHaveValue('25/12/2026');
  await expect(page).toHaveURL(/#\/appointments\/day\/2026-12-25$/);
  await expect(page.getByText(/^25 Des 2026 · /)).toBeVisible();
  // ↑ is the next day.
  await day.press('ArrowUp');
  await expect(day).toHaveValue('26/12/2026');
  await expect(page).toHaveURL(/#\/appointments\/day\/2026-12-26$/);

  // 31 February does not exist: said in Indonesian, and the day shown stays.
  await day.fill('31/02/2026');
  await day.press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Tanggal tidak valid. Tulis hari/bulan/tahun, misalnya 22/11/2026.');
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/appointments\/day\/2026-12-26$/);
  await shot(page, 'date-01-day-invalid');
});

test('in English the plan dialog writes dd/mm/yyyy and 09:30, and refuses a time that does not exist', async ({ page }) => {
  await signInThroughUi(page, host, CLERK);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.goto(`${host.url.split('#')[0]}#/customers/${siti.id}`);
  await expect(page.getByRole('heading', { name: 'Siti Nurhaliza' })).toBeVisible();
  await page.keyboard.press('r');
  const plan = page.getByRole('dialog', { name: 'Plan a contact' });
  const date = plan.getByLabel('Date', { exact: true });
  await expect(date).toHaveValue(dmy(todayIn('WIB')));
  await expect(date).toHaveAttribute('placeholder', 'dd/mm/yyyy');

  await date.fill('3-1-2027');
  await date.press('Tab');
  await expect(date).toHaveValue('03/01/2027');
  const time = plan.getByLabel(/^Time/);
  await expect(time).toBeFocused();
  await expect(time).toHaveAttribute('placeholder', 'hh:mm');
  await time.fill('25.00');
  await time.press('Tab');
  await expect(plan.getByRole('alert')).toHaveText('Not a valid time. Write hours:minutes, for example 09:30.');
  await time.fill('930');
  await time.press('Tab');
  await expect(time).toHaveValue('09:30');
  await expect(plan.getByRole('alert')).toHaveCount(0);
  await shot(page, 'date-02-plan-english');
  await plan.getByLabel('Reason').fill('Follow up the brake service');
  await plan.getByLabel('Reason').press('Enter');
  await expect(plan).toHaveCount(0);
  await expect(page.getByText('Contact planned on 3 Jan 2027 09:30 by Budi Santoso.')).toBeVisible();
  await expect(page.getByText('Contact planned for 3 Jan 2027 09:30', { exact: true })).toBeVisible();
});
