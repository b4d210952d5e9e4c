import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridClock, formatHlc, isHlc, parseHlc, type Hlc } from '../../../src/shared/sync/hlc.js';

/** Properties of the hybrid logical clock (src/shared/sync/hlc.ts). */

const MAX_WALL = 0xffffffffffff;
const node = fc.stringMatching(/^[0-9a-z]{4,12}$/);
const hlc: fc.Arbitrary<Hlc> = fc.record({
  wallMs: fc.oneof(fc.integer({ min: 0, max: MAX_WALL }), fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 })),
  counter: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 0xfffe, 0xffff)),
  node,
});

/** Physical readings that stall, jump ahead and go backwards, around "now". */
const physical = fc.oneof(
  fc.integer({ min: 1_800_000_000_000 - 10_000, max: 1_800_000_000_000 + 10_000 }),
  fc.constantFrom(0, 1_800_000_000_000),
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
);

type Step =
  | { kind: 'now'; phys: number }
  | { kind: 'receive'; phys: number; remote: Hlc }
  | { kind: 'restart'; phys: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('now' as const), phys: physical }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      phys: physical,
      // Remote clocks anywhere, including far ahead (a skewed branch) but not at the very end of the range.
      remote: fc.record({ wallMs: fc.integer({ min: 0, max: 2_100_000_000_000 }), counter: fc.integer({ min: 0, max: 0xffff }), node }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), phys: physical }) },
);

const compareTuple = (a: Hlc, b: Hlc) =>
  a.wallMs !== b.wallMs ? Math.sign(a.wallMs - b.wallMs) : a.counter !== b.counter ? Math.sign(a.counter - b.counter) : a.node < b.node ? -1 : a.node > b.node ? 1 : 0;

describe('HLC properties', () => {
  it('is strictly monotonic under any interleaving of now/receive/restart with any physical clock, and every receive orders after the remote stamp', () => {
    fc.assert(
      fc.property(node, fc.array(step, { minLength: 1, maxLength: 200 }), (self, steps) => {
        let phys = 0;
        let clock = new HybridClock(self, () => phys);
        let last = '';
        for (const s of steps) {
          phys = s.phys;
          let stamp: string;
          if (s.kind === 'restart') {
            // A restart continues from the persisted last stamp.
            clock = new HybridClock(self, () => phys, last || null);
            stamp = clock.now();
          } else if (s.kind === 'now') {
            stamp = clock.now();
          } else {
            const remote = formatHlc(s.remote);
            stamp = clock.receive(remote);
            const parsed = parseHlc(stamp)!;
            expect(parsed.wallMs > s.remote.wallMs || (parsed.wallMs === s.remote.wallMs && parsed.counter > s.remote.counter)).toBe(true);
          }
          expect(isHlc(stamp)).toBe(true);
          expect(stamp > last).toBe(true);
          expect(parseHlc(stamp)!.node).toBe(self);
          expect(parseHlc(stamp)!.wallMs).toBeGreaterThanOrEqual(Math.min(phys, MAX_WALL));
          expect(clock.peek()).toBe(stamp);
          last = stamp;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stamps exactly as the plain algorithm (max of physical, last and remote; formatted by formatHlc) under any interleaving', () => {
    // The reference: the clock as first written, before now() kept its encoded millisecond.
    const reference = (self: string, phys: () => number, initial: string | null) => {
      const p = initial ? parseHlc(initial) : null;
      let last = p ? { wallMs: p.wallMs, counter: p.counter } : { wallMs: 0, counter: 0 };
      const advance = (rw: number, rc: number) => {
        let wall = Math.max(phys(), last.wallMs, rw);
        let counter = wall === last.wallMs && wall === rw ? Math.max(last.counter, rc) + 1 : wall === last.wallMs ? last.counter + 1 : wall === rw ? rc + 1 : 0;
        if (counter > 0xffff) {
          wall += 1;
          counter = 0;
        }
        last = { wallMs: wall, counter };
        return formatHlc({ wallMs: wall, counter, node: self });
      };
      return { now: () => advance(0, 0), receive: (r: string) => advance(parseHlc(r)!.wallMs, parseHlc(r)!.counter), peek: () => formatHlc({ ...last, node: self }) };
    };
    fc.assert(
      fc.property(node, fc.array(step, { minLength: 1, maxLength: 200 }), (self, steps) => {
        let phys = 0;
        let clock = new HybridClock(self, () => phys);
        let model = reference(self, () => phys, null);
        for (const s of steps) {
          phys = s.phys;
          if (s.kind === 'restart') {
            const persisted = clock.peek();
            clock = new HybridClock(self, () => phys, persisted);
            model = reference(self, () => phys, persisted);
          }
          const remote = s.kind === 'receive' ? formatHlc(s.remote) : null;
          expect(remote ? clock.receive(remote) : clock.now()).toBe(remote ? model.receive(remote) : model.now());
          expect(clock.peek()).toBe(model.peek());
        }
      }),
      { numRuns: 300 },
    );
    // Many stamps in one millisecond: the counter's four digits and the borrow of the next millisecond.
    const clock = new HybridClock('node1', () => 1_800_000_000_000);
    const model = reference('node1', () => 1_800_000_000_000, null);
    for (let i = 0; i < 70_000; i++) expect(clock.now()).toBe(model.now());
  });

  it('format and parse round-trip', () => {
    fc.assert(
      fc.property(hlc, (h) => {
        const s = formatHlc(h);
        expect(isHlc(s)).toBe(true);
        expect(parseHlc(s)).toEqual(h);
        expect(formatHlc(parseHlc(s)!)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('string order is (wall, counter, node) order', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const sa = formatHlc(a);
        const sb = formatHlc(b);
        const byString = sa < sb ? -1 : sa > sb ? 1 : 0;
        expect(byString).toBe(compareTuple(a, b));
      }),
      { numRuns: 2000 },
    );
    // Close neighbours too, where a naive encoding would break: counter carries, node prefixes.
    fc.assert(
      fc.property(hlc, fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), node, (a, dw, dc, n) => {
        const b: Hlc = { wallMs: Math.min(MAX_WALL, Math.max(0, a.wallMs + dw)), counter: Math.min(0xffff, Math.max(0, a.counter + dc)), node: n };
        const sa = formatHlc(a);
        const sb = formatHlc(b);
        expect(sa < sb ? -1 : sa > sb ? 1 : 0).toBe(compareTuple(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects what is not a stamp', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (parseHlc(s) === null) expect(isHlc(s)).toBe(false);
        else expect(formatHlc(parseHlc(s)!)).toBe(s);
      }),
    );
  });
});
