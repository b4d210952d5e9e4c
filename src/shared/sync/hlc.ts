/**
 * Hybrid logical clock (Kulkarni et al., 2014), as Actual Budget and
 * cr-sqlite use it: physical milliseconds plus a counter, so every event gets
 * a timestamp greater than anything its node has seen, even when the wall
 * clock stalls or runs behind.
 *
 * Encoded as a fixed-width string that sorts like the clock:
 *   12 hex digits of milliseconds, '-', 4 hex digits of counter, '-', node id
 * so SQLite, PostgreSQL and JavaScript all compare timestamps with plain
 * string comparison, and the node id breaks every tie deterministically.
 */

export interface Hlc {
  wallMs: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
const NODE = /^[0-9a-z]{4,32}$/;

export const HLC_ZERO = '000000000000-0000-0000';

export function formatHlc(h: Hlc): string {
  if (!Number.isSafeInteger(h.wallMs) || h.wallMs < 0 || h.wallMs > 0xffffffffffff) throw new RangeError('HLC wall time out of range');
  if (!Number.isInteger(h.counter) || h.counter < 0 || h.counter > MAX_COUNTER) throw new RangeError('HLC counter out of range');
  if (!NODE.test(h.node)) throw new RangeError('HLC node id must be 4-32 lowercase letters or digits');
  return `${h.wallMs.toString(16).padStart(12, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

const PATTERN = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9a-z]{4,32})$/;

export function parseHlc(s: string): Hlc | null {
  const m = PATTERN.exec(s);
  if (!m) return null;
  return { wallMs: parseInt(m[1], 16), counter: parseInt(m[2], 16), node: m[3] };
}

export function isHlc(s: unknown): s is string {
  return typeof s === 'string' && PATTERN.test(s);
}

/**
 * A node's clock. `now()` stamps a local event; `receive()` folds in a
 * timestamp seen from elsewhere so later local events order after it.
 * `physical` is injectable so tests can skew and freeze time.
 */
export class HybridClock {
  private lastWall: number;
  private lastCounter: number;
  /** now() is on every captured write: the encoded millisecond and node are kept, not formatted and checked each time. */
  private prefixWall = -1;
  private prefix = '';
  private readonly suffix: string;

  constructor(
    readonly node: string,
    private readonly physical: () => number = Date.now,
    initial: string | null = null,
  ) {
    if (!NODE.test(node)) throw new RangeError('HLC node id must be 4-32 lowercase letters or digits');
    const parsed = initial ? parseHlc(initial) : null;
    this.lastWall = parsed ? parsed.wallMs : 0;
    this.lastCounter = parsed ? parsed.counter : 0;
    this.suffix = `-${node}`;
  }

  now(): string {
    // advance(0, 0), without the remote's cases (a remote wall of 0 changes nothing but a clock still at 0).
    const phys = this.physical();
    let wall: number;
    let counter: number;
    if (!(phys <= this.lastWall)) {
      wall = phys; // (a reading that is not a number fails in stamp, as formatHlc fails)
      counter = 0;
    } else {
      wall = this.lastWall;
      counter = this.lastCounter + 1;
      if (counter > MAX_COUNTER) {
        wall += 1;
        counter = 0;
      }
    }
    return this.stamp(wall, counter);
  }

  receive(remote: string): string {
    const r = parseHlc(remote);
    if (!r) throw new RangeError(`not an HLC timestamp: ${remote}`);
    return this.advance(r.wallMs, r.counter);
  }

  /** The last timestamp issued, for persisting across restarts. */
  peek(): string {
    return formatHlc({ wallMs: this.lastWall, counter: this.lastCounter, node: this.node });
  }

  private advance(remoteWall: number, remoteCounter: number): string {
    const phys = this.physical();
    let wall = Math.max(phys, this.lastWall, remoteWall);
    let counter: number;
    if (wall === this.lastWall && wall === remoteWall) counter = Math.max(this.lastCounter, remoteCounter) + 1;
    else if (wall === this.lastWall) counter = this.lastCounter + 1;
    else if (wall === remoteWall) counter = remoteCounter + 1;
    else counter = 0;
    if (counter > MAX_COUNTER) {
      // 65,536 events in one millisecond: borrow the next millisecond rather than overflow.
      wall += 1;
      counter = 0;
    }
    return this.stamp(wall, counter);
  }

  /** Records (wall, counter) as the last stamp and encodes it as formatHlc does (the same checks, once per millisecond). */
  private stamp(wall: number, counter: number): string {
    if (wall !== this.prefixWall) {
      this.prefix = formatHlc({ wallMs: wall, counter: 0, node: this.node }).slice(0, 13);
      this.prefixWall = wall;
    }
    this.lastWall = wall;
    this.lastCounter = counter;
    return this.prefix + (0x10000 + counter).toString(16).slice(1) + this.suffix;
  }
}
