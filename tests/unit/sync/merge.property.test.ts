import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '../../../src/shared/sync/hlc.js';
import { mergeField, type FieldClock, type FieldValue, type IncomingField } from '../../../src/shared/sync/merge.js';

/**
 * Properties of the field merge rule (src/shared/sync/merge.ts), run against
 * a one-field head office: the current value with its clock, and a sequence
 * number that counts every change that lands.
 */

interface Store {
  value: FieldValue;
  clock: FieldClock;
  seq: number;
  log: { winner: FieldValue; loser: FieldValue }[];
}

function land(store: Store, incoming: IncomingField): Store {
  const s: Store = { ...store, clock: { ...store.clock }, log: [...store.log] };
  const outcome = mergeField({ value: s.value, clock: s.clock }, incoming);
  switch (outcome.kind) {
    case 'apply':
    case 'apply-over-conflict':
      if (outcome.kind === 'apply-over-conflict') s.log.push({ winner: incoming.value, loser: outcome.loser });
      s.seq += 1;
      s.value = incoming.value;
      s.clock = { hlc: incoming.hlc, seq: s.seq };
      break;
    case 'advance-clock':
      s.seq += 1;
      s.clock = { hlc: incoming.hlc, seq: s.seq };
      break;
    case 'reject-conflict':
      s.log.push({ winner: s.value, loser: incoming.value });
      break;
    case 'unchanged':
      break;
  }
  return s;
}

const created = (): Store => ({ value: 'created', clock: { hlc: formatHlc({ wallMs: 1_000, counter: 0, node: 'home' }), seq: 1 }, seq: 1, log: [] });

/** Nodes other than the one that created the row. */
const nodes = fc.uniqueArray(fc.stringMatching(/^[a-z]{4,6}$/).filter((n) => n !== 'home'), { minLength: 2, maxLength: 6 });
const stamp = (node: string) =>
  fc.record({ wallMs: fc.integer({ min: 0, max: 3_000 }), counter: fc.integer({ min: 0, max: 3 }) }).map((t) => formatHlc({ ...t, node }));
const value = fc.oneof(fc.constantFrom('a', 'b', 'c', null, 1, true), fc.string({ maxLength: 4 }));

/** One change per node, all made over the created row (base 1): pairwise concurrent. */
const concurrent = nodes.chain((ns) =>
  fc.tuple(...ns.map((n) => fc.record({ hlc: stamp(n), value, baseSeq: fc.constant(1) }))).map((changes) => changes as IncomingField[]),
);

describe('field merge properties', () => {
  it('concurrent changes of one field: every arrival order ends with the value of the greatest clock', () => {
    fc.assert(
      fc.property(
        concurrent.chain((changes) => fc.tuple(fc.constant(changes), fc.array(fc.shuffledSubarray(changes, { minLength: changes.length, maxLength: changes.length }), { minLength: 1, maxLength: 8 }))),
        ([changes, orders]) => {
          const max = changes.reduce((a, b) => (b.hlc > a.hlc ? b : a));
          const finals = orders.map((order) => order.reduce(land, created()));
          for (const f of finals) {
            expect(f.value).toEqual(max.value);
            expect(f.clock.hlc).toBe(max.hlc);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('concurrent changes: every value that did not end up winning is in the conflict log', () => {
    fc.assert(
      fc.property(concurrent.chain((c) => fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })), (order) => {
        const f = order.reduce(land, created());
        const seen = new Set(f.log.flatMap((x) => [JSON.stringify(x.winner), JSON.stringify(x.loser)]));
        // The first change to land replaced the created value as a sequential edit (no conflict);
        // from then on a value leaves only by losing to a concurrent one, which logs it.
        for (const c of order) {
          if (JSON.stringify(c.value) !== JSON.stringify(f.value)) expect(seen.has(JSON.stringify(c.value))).toBe(true);
        }
        for (const x of f.log) expect(x.winner).not.toEqual(x.loser);
      }),
      { numRuns: 500 },
    );
  });

  it('sequential changes always apply, whatever their clocks (a skewed clock cannot undo a later edit)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ node: fc.constantFrom('aaaa', 'bbbb', 'cccc', 'home'), wall: fc.integer({ min: 0, max: 5_000 }), value }), { minLength: 1, maxLength: 30 }), (edits) => {
        let s = created();
        let lastHlcOf = new Map<string, string>([['home', s.clock.hlc]]);
        for (const e of edits) {
          // Each edit is made after seeing the current row: its base is the field's current sequence.
          let h = formatHlc({ wallMs: e.wall, counter: 0, node: e.node });
          // A node's own clock never goes back; other nodes' clocks are anything.
          const prev = lastHlcOf.get(e.node);
          if (prev && h <= prev) h = formatHlc({ wallMs: Number.parseInt(prev.slice(0, 12), 16) + 1, counter: 0, node: e.node });
          lastHlcOf = new Map(lastHlcOf).set(e.node, h);
          if (h === s.clock.hlc) continue;
          s = land(s, { value: e.value, hlc: h, baseSeq: s.clock.seq });
          expect(s.value).toEqual(e.value);
        }
        expect(s.log).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('the same change again changes nothing; a node never undoes its own later change', () => {
    fc.assert(
      fc.property(stamp('aaaa'), stamp('aaaa'), value, value, fc.integer({ min: 0, max: 5 }), (h1, h2, v1, v2, base) => {
        fc.pre(h1 !== h2);
        const [early, late] = h1 < h2 ? [h1, h2] : [h2, h1];
        const s1 = land(created(), { value: v1, hlc: late, baseSeq: 1 });
        expect(land(s1, { value: v1, hlc: late, baseSeq: base })).toEqual(s1);
        // Its earlier change arriving late (a stale replay) does not win over its later one.
        expect(land(s1, { value: v2, hlc: early, baseSeq: base }).value).toEqual(v1);
      }),
      { numRuns: 500 },
    );
  });
});
