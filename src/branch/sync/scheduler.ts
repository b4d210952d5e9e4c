import type { SyncEngine } from './engine.js';

/**
 * Scheduled sync (B1): every N minutes while enrolled, and at once when the
 * head office becomes reachable again after a failed attempt ("when the
 * network comes back"). While offline it probes cheaply every 30 seconds.
 * Timers are injectable so tests drive time.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offline = false;
  private stopped = true;

  constructor(
    private readonly engine: SyncEngine,
    private readonly intervalMinutes: () => number,
    private readonly probe: () => Promise<boolean>,
    private readonly timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
    private readonly probeEveryMs = 30_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.plan(this.intervalMinutes() * 60_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Re-plan after the interval changed. */
  reschedule(): void {
    if (!this.stopped) this.plan(this.intervalMinutes() * 60_000);
  }

  private plan(ms: number): void {
    if (this.timer) this.timers.clear(this.timer);
    this.timer = null;
    if (this.stopped) return;
    if (!this.offline && ms <= 0) return; // schedule off; manual sync still works
    const wait = this.offline ? this.probeEveryMs : ms;
    this.timer = this.timers.set(() => void this.tick(), wait);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private async tick(): Promise<void> {
    if (!this.engine.status().enrolled) return this.plan(this.intervalMinutes() * 60_000);
    if (this.offline && !(await this.probe().catch(() => false))) return this.plan(this.probeEveryMs);
    try {
      await this.engine.syncNow();
      this.offline = false;
    } catch (error) {
      this.offline = (error as { retryable?: boolean }).retryable === true;
    }
    this.plan(this.intervalMinutes() * 60_000);
  }
}
