import { openBranchCore } from '../../src/branch/core.js';
import { ReminderEngine } from '../../src/branch/agenda/reminders.js';
import { DEFAULT_REMINDER_RULES, PLAN_COUNT_CAP, REMINDER_COUNT_CAP, REMINDER_RULES, addDays, type ReminderRule } from '../../src/shared/domain/agenda.js';
import { CHANNELS, PURPOSES } from '../../src/shared/domain/interaction.js';
import { newId } from '../../src/shared/domain/ids.js';
import { todayIn } from '../../src/shared/domain/dates.js';
import { BENCH_NOW, benchDataset } from './dataset.js';
import { log, percentiles, timeRounds, type Row } from './stats.js';

const STAFF = 8;
const PLANS = 20_000;
const INTERACTIONS = 60_000;
const ASSETS = 10_000;

/**
 * The agenda (T2, T3) over a branch of 100,000 demo customers with 300,000
 * purchases, 20,000 contact plans of 8 staff members (some overdue, some
 * recurring), 60,000 interactions and 10,000 assets with due dates, every
 * reminder rule on (defaults: birthdays 3 days ahead, follow-ups, lapsed
 * after 180 days, never reached), one page of plans (PLAN_PAGE) as the
 * screen asks. Measured at the core (agenda.list through the service), each
 * sample the best of 3 rounds, against a bare indexed SELECT of one staff
 * member's open plans up to today in the same run. Goal: p99 under 100 ms
 * for every variant (today and week, one staff member and the whole branch).
 */
export function agendaBenchmark(quick: boolean, rebuild: boolean): Row[] {
  const customers = 100_000;
  const dataset = benchDataset(customers, { transactions: 300_000, rebuild });
  const now = new Date(BENCH_NOW);
  const core = openBranchCore({ dataDir: dataset.dataDir, checkOutput: false, now: () => now });
  try {
    const s = core.services;
    const sqlite = s.db.sqlite;
    const today = todayIn('WIB', now);
    const staff = ensureStaff(core);
    if ((sqlite.prepare('SELECT count(*) FROM contact_plans').pluck().get() as number) === 0) seedAgenda(core, staff, today);
    s.agenda.saveRules(DEFAULT_REMINDER_RULES);
    sqlite.pragma('optimize');

    const actor = { ...core.systemActor, userId: staff[0], displayName: 'Staf 1' };
    const bare = sqlite.prepare("SELECT id, customer_id, due_date, due_time FROM contact_plans WHERE staff_id = ? AND status = 'open' AND due_date <= ? ORDER BY due_date, due_time");
    const reps = Array.from({ length: quick ? 15 : 40 }, (_, i) => staff[i % staff.length]);
    const branchReps = reps.slice(0, quick ? 8 : 20);
    const list = (id: string | null, range: 'today' | 'week') => s.agenda.list({ ...actor, userId: id ?? staff[0] }, { staffId: id, range, reminders: true });
    log(`agenda bench: warming up, then ${reps.length} calls x 3 rounds per variant`);
    timeRounds(reps.slice(0, 3), (id) => list(id, 'today'), 1);
    const base = percentiles(timeRounds(reps, (id) => bare.all(id, today)).best);
    log('agenda bench: today, one staff member');
    const todayRun = percentiles(timeRounds(reps, (id) => list(id, 'today')).best);
    log('agenda bench: week, one staff member');
    const weekRun = percentiles(timeRounds(reps, (id) => list(id, 'week')).best);
    log('agenda bench: today and week, whole branch');
    const branchToday = percentiles(timeRounds(branchReps, () => list(null, 'today')).best);
    const branchWeek = percentiles(timeRounds(branchReps, () => list(null, 'week')).best);
    const sample = list(staff[0], 'today');
    const whole = list(null, 'week');
    const shown = (a: typeof sample) => `${a.items.filter((i) => i.kind === 'plan').length} of ${a.plansTotal >= PLAN_COUNT_CAP ? `${PLAN_COUNT_CAP}+` : a.plansTotal} plans + ${a.items.filter((i) => i.kind === 'reminder').length} reminders shown`;
    const found = `found ${REMINDER_RULES.map((r) => `${r} ${sample.reminderTotals[r] >= REMINDER_COUNT_CAP ? `${REMINDER_COUNT_CAP}+` : sample.reminderTotals[r]}`).join(', ')}`;

    log('agenda bench: each reminder rule alone (the week)');
    const engine = new ReminderEngine(s.db);
    const week = addDays(today, 6);
    const perRule = REMINDER_RULES.map((rule) => {
      const rules = { ...DEFAULT_REMINDER_RULES };
      for (const r of REMINDER_RULES) (rules as Record<ReminderRule, { enabled: boolean }>)[r] = { ...(DEFAULT_REMINDER_RULES[r] as object), enabled: r === rule } as never;
      const p = percentiles(timeRounds(reps.slice(0, 10), () => engine.run({ today, to: week, zone: 'WIB', rules })).best);
      return { benchmark: `  reminder rule ${rule} alone, week p50`, measured: p.p50, unit: 'ms', note: `p99 ${p.p99.toFixed(2)} ms` } as Row;
    });

    const p99 = (name: string, run: typeof todayRun, note?: string): Row => ({
      benchmark: name,
      measured: run.p99,
      unit: 'ms',
      goal: { max: 100 },
      baseline: { name: 'bare indexed SELECT p99', value: base.p99 },
      ratio: run.p99 / base.p99,
      note: note ? `p50 ${run.p50.toFixed(1)} ms; ${note}` : `p50 ${run.p50.toFixed(1)} ms`,
    });
    return [
      { benchmark: 'agenda today p50 (100k customers, 1 staff member)', measured: todayRun.p50, unit: 'ms', baseline: { name: 'bare indexed SELECT of open plans p50', value: base.p50 }, ratio: todayRun.p50 / base.p50 },
      p99('agenda today p99 (1 staff member)', todayRun, `${shown(sample)}; ${found}`),
      p99('agenda week p99 (1 staff member)', weekRun),
      p99('agenda today p99 (whole branch)', branchToday),
      p99('agenda week p99 (whole branch)', branchWeek, shown(whole)),
      ...perRule,
    ];
  } finally {
    core.close();
  }
}

function ensureStaff(core: ReturnType<typeof openBranchCore>): string[] {
  const existing = core.services.auth.listUsers().filter((u) => u.username.startsWith('staf'));
  for (let i = existing.length; i < STAFF; i++) {
    core.services.auth.createUser({ username: `staf${i + 1}`, displayName: `Staf ${i + 1}`, password: 'kata-sandi-bench', role: 'front_office' });
  }
  return core.services.auth.listUsers().filter((u) => u.username.startsWith('staf')).map((u) => u.id);
}

/** Plans, interactions and assets through the change-capturing writer, as the app writes them. */
function seedAgenda(core: ReturnType<typeof openBranchCore>, staff: string[], today: string): void {
  log(`agenda bench: adding ${PLANS.toLocaleString('en-US')} plans, ${INTERACTIONS.toLocaleString('en-US')} interactions, ${ASSETS.toLocaleString('en-US')} assets`);
  const s = core.services;
  const sqlite = s.db.sqlite;
  const ids = sqlite.prepare('SELECT id FROM customers ORDER BY seq').pluck().all() as string[];
  const branchId = sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'branch_id'").pluck().get() as string;
  const nowIso = new Date(BENCH_NOW).toISOString();
  const plan = sqlite.prepare(
    `INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, reason, first_date, due_date, due_time, recurrence_unit, recurrence_every, occurrence, status, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Bench', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  const interaction = sqlite.prepare(
    `INSERT INTO interactions (id, customer_id, branch_id, occurred_at, channel, direction, exchange, purpose, outcome, staff_id, staff_name, created_at)
     VALUES (?, ?, ?, ?, 'phone', 'outbound', 'two_way', 'service', 'reached', ?, 'Staf', ?)`,
  );
  const asset = sqlite.prepare(
    `INSERT INTO customer_assets (id, customer_id, kind, label, due_kind, due_date, created_at, updated_at, deleted) VALUES (?, ?, 'vehicle', 'Mobil', 'service', ?, ?, ?, 0)`,
  );
  s.capture.transaction(() => {
    for (let i = 0; i < PLANS; i++) {
      const id = newId();
      const due = addDays(today, (i % 40) - 10); // a quarter overdue, the rest over the next month
      const closed = i % 5 === 0; // a fifth already done
      plan.run(id, ids[(i * 7) % ids.length], branchId, staff[i % staff.length], `Staf ${(i % staff.length) + 1}`, CHANNELS[i % CHANNELS.length], PURPOSES[i % PURPOSES.length], due, due, i % 3 === 0 ? `${String(8 + (i % 9)).padStart(2, '0')}:00` : null, i % 4 === 0 ? 'week' : null, i % 4 === 0 ? 1 : null, closed ? 'done' : 'open', nowIso, staff[0], nowIso);
      s.capture.record('contact_plans', id, null, nowIso);
    }
    for (let i = 0; i < INTERACTIONS; i++) {
      const id = newId();
      interaction.run(id, ids[(i * 13) % ids.length], branchId, new Date(Date.parse(BENCH_NOW) - (i % 400) * 86_400_000).toISOString(), staff[i % staff.length], nowIso);
      s.capture.record('interactions', id, null, nowIso);
    }
    for (let i = 0; i < ASSETS; i++) {
      const id = newId();
      asset.run(id, ids[(i * 17) % ids.length], addDays(today, (i % 200) - 20), nowIso, nowIso);
      s.capture.record('customer_assets', id, null, nowIso);
    }
  });
}
