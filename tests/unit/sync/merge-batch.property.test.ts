import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '../../../src/shared/sync/hlc.js';
import type { ChangeRecord } from '../../../src/shared/sync/protocol.js';
import { mergeBatch, objectKey, type StoredObject } from '../../../src/headoffice/sync/merge-batch.js';

/**
 * Properties of the head office's batch merge (src/headoffice/sync/merge-batch.ts)
 * over a small world: branch A pushes; customers c1 (A's own) and c2 (B's,
 * fetched by A) are in A's scope, c3 and c4 (B's) are not.
 */

const A = 'branch-a';
const B = 'branch-b';
const NOW = '2026-11-20T03:00:00.000Z';
const IN_SCOPE = ['c1', 'c2'];
const CUSTOMERS = ['c1', 'c2', 'c3', 'c4'];

function world(): { objects: Map<string, StoredObject>; scope: Map<string, Set<string>> } {
  const objects = new Map<string, StoredObject>();
  let seq = 0;
  const put = (tableName: string, rowId: string, customerId: string, data: StoredObject['data'], by: string) => {
    seq += 1;
    const hlc = formatHlc({ wallMs: 1_000 + seq, counter: 0, node: by === A ? 'nodea' : 'nodeb' });
    objects.set(objectKey(tableName, rowId), {
      tableName,
      rowId,
      data,
      clocks: Object.fromEntries(Object.keys(data).map((f) => [f, [hlc, seq]])),
      version: seq,
      hlc,
      customerId,
      createdBy: by,
    });
  };
  for (const c of CUSTOMERS) {
    const home = c === 'c1' ? A : B;
    put('customers', c, c, { ...customer(home, c), nickname: `nick-${c}` }, home);
    put('contact_points', `k-${c}`, c, contact(c), home);
    put('transactions', `t-${c}`, c, tx(c, home), home);
  }
  const scope = new Map<string, Set<string>>([
    ['c1', new Set([A])],
    ['c2', new Set([B, A])],
    ['c3', new Set([B])],
    ['c4', new Set([B])],
  ]);
  return { objects, scope };
}

function customer(home: string, id: string): StoredObject['data'] {
  return {
    customer_number: `X-${id}`, full_name: `Name ${id}`, tags: '[]', lifecycle_stage: 'new', home_branch_id: home,
    created_at: NOW, created_by: 'u', updated_at: NOW, updated_by: 'u', deleted: 0,
  };
}
function contact(customerId: string): StoredObject['data'] {
  return { customer_id: customerId, kind: 'phone', value: `+62812${customerId}`, whatsapp: 0, verified: 0, invalid: 0, is_primary: 1, position: 0, created_at: NOW, updated_at: NOW, deleted: 0 };
}
function tx(customerId: string, branch: string): StoredObject['data'] {
  return { customer_id: customerId, branch_id: branch, occurred_at: NOW, kind: 'sale', amount: 1000, cost: 500, discount: 0, item_count: 1, created_at: NOW };
}

type Op =
  | { kind: 'edit'; customer: string; field: 'nickname' | 'notes' | 'city'; value: string | null; baseSeq: number }
  | { kind: 'newContact'; customer: string }
  | { kind: 'newTx'; customer: string }
  | { kind: 'moveContact'; from: string; to: string }
  | { kind: 'editContact'; customer: string; label: string }
  | { kind: 'newCustomer'; owner: string }
  | { kind: 'resendTx'; customer: string }
  | { kind: 'changeTx'; customer: string };

const someCustomer = fc.constantFrom(...CUSTOMERS, 'new0', 'new1');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), customer: someCustomer, field: fc.constantFrom('nickname' as const, 'notes' as const, 'city' as const), value: fc.option(fc.constantFrom('p', 'q', 'r'), { nil: null }), baseSeq: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newContact' as const), customer: someCustomer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newTx' as const), customer: someCustomer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('moveContact' as const), from: fc.constantFrom(...CUSTOMERS), to: fc.constantFrom(...CUSTOMERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('editContact' as const), customer: fc.constantFrom(...CUSTOMERS), label: fc.constantFrom('home', 'work') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newCustomer' as const), owner: fc.constantFrom(A, B) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resendTx' as const), customer: fc.constantFrom(...CUSTOMERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('changeTx' as const), customer: fc.constantFrom(...CUSTOMERS) }) },
);

/** Turns ops into A's change records, in order, with A's clock moving forward. */
function toChanges(ops: Op[], wallStart: number): { changes: ChangeRecord[]; expectOutOfScope: Set<number> } {
  const changes: ChangeRecord[] = [];
  const expectOutOfScope = new Set<number>();
  const created = new Set<string>(); // customers A created earlier in this batch
  let newCount = 0;
  const writable = (c: string) => IN_SCOPE.includes(c) || created.has(c);
  // A branch writes in causal order: a customer id it has not created yet is one nobody knows.
  const known = (c: string) => (c.startsWith('new') && !created.has(c) && !newIds.has(c) ? 'ghost' : c);
  const newIds = new Set<string>();
  for (const [i, raw] of ops.entries()) {
    const o: Op = 'customer' in raw ? { ...raw, customer: known(raw.customer) } : raw;
    const seq = i + 1;
    const hlc = formatHlc({ wallMs: wallStart + i, counter: 0, node: 'nodea' });
    const add = (table: string, rowId: string, fields: ChangeRecord['fields'], baseSeq = 5, outOfScope = false) => {
      changes.push({ seq, table, rowId, hlc, baseSeq, fields });
      if (outOfScope) expectOutOfScope.add(seq);
    };
    switch (o.kind) {
      case 'edit':
        add('customers', o.customer, { [o.field]: o.value, updated_at: NOW }, o.baseSeq, !writable(o.customer));
        // An unknown customer id (new0, new1 before it is created) cannot be edited either.
        break;
      case 'newContact':
        add('contact_points', `k-${seq}`, contact(o.customer), 0, !writable(o.customer));
        break;
      case 'newTx':
        add('transactions', `t-${seq}`, tx(o.customer, A), 0, !writable(o.customer));
        break;
      case 'moveContact':
        add('contact_points', `k-${o.from}`, { customer_id: o.to }, 5, !writable(o.from) || (o.from !== o.to && !writable(o.to)));
        break;
      case 'editContact':
        add('contact_points', `k-${o.customer}`, { label: o.label }, 5, !writable(o.customer));
        break;
      case 'newCustomer': {
        const id = `new${newCount++}`;
        newIds.add(id);
        add('customers', id, customer(o.owner, id), 0, o.owner !== A);
        if (o.owner === A) created.add(id);
        break;
      }
      case 'resendTx':
        add('transactions', `t-${o.customer}`, tx(o.customer, o.customer === 'c1' ? A : B), 0, !writable(o.customer));
        break;
      case 'changeTx':
        add('transactions', `t-${o.customer}`, { amount: 999 }, 0, !writable(o.customer));
        break;
    }
  }
  return { changes, expectOutOfScope };
}

/** What push.ts does after the merge: number the changed rows and their new clocks. */
function commit(objects: Map<string, StoredObject>, changed: Map<string, StoredObject>, first: number): void {
  [...changed.values()].forEach((o, i) => {
    o.version = first + i;
    for (const f of Object.keys(o.clocks)) if (o.clocks[f][1] === -1) o.clocks[f] = [o.clocks[f][0], o.version];
    objects.set(objectKey(o.tableName, o.rowId), o);
  });
}

const clone = <T>(x: T): T => structuredClone(x);
const scopeView = (scope: Map<string, Set<string>>) => ({ branchesOf: (id: string) => scope.get(id) ?? new Set<string>() });

describe('mergeBatch properties', () => {
  it('changes outside the branch scope are refused as OUT_OF_SCOPE and touch nothing outside it', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 3_000 }), (ops, wall) => {
        const { objects, scope } = world();
        const before = clone(objects);
        const { changes, expectOutOfScope } = toChanges(ops, wall);
        const out = mergeBatch(A, changes, objects, scopeView(scope));
        const refusedOutOfScope = new Set(out.refused.filter((r) => r.code === 'OUT_OF_SCOPE').map((r) => r.change.seq));
        expect([...refusedOutOfScope].sort((a, b) => a - b)).toEqual([...expectOutOfScope].sort((a, b) => a - b));
        // Rows of customers outside A's scope are exactly as they were.
        for (const [k, o] of before) if (!IN_SCOPE.includes(o.customerId!)) expect(objects.get(k)).toEqual(o);
        for (const o of out.changed.values()) {
          expect(IN_SCOPE.includes(o.customerId!) || out.newCustomers.has(o.customerId!)).toBe(true);
        }
        // New customers join A's scope only when A owns them.
        for (const c of out.newCustomers) expect(objects.get(objectKey('customers', c))?.data.home_branch_id).toBe(A);
      }),
      { numRuns: 400 },
    );
  });

  it('replaying the same batch changes nothing', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 3_000 }), (ops, wall) => {
        const { objects, scope } = world();
        const { changes } = toChanges(ops, wall);
        const first = mergeBatch(A, clone(changes), objects, scopeView(scope));
        commit(objects, first.changed, 100);
        for (const c of first.newCustomers) scope.set(c, new Set([A]));
        const settled = clone(objects);

        const again = mergeBatch(A, clone(changes), objects, scopeView(scope));
        expect(again.changed.size).toBe(0);
        expect(again.newCustomers.size).toBe(0);
        expect(objects).toEqual(settled);
        expect(again.applied).toBeLessThanOrEqual(first.applied);
      }),
      { numRuns: 400 },
    );
  });

  it('a change of an append-only row is refused; resending it unchanged is not', () => {
    const { objects, scope } = world();
    const hlc = formatHlc({ wallMs: 9_000, counter: 0, node: 'nodea' });
    const out = mergeBatch(
      A,
      [
        { seq: 1, table: 'transactions', rowId: 't-c1', hlc, baseSeq: 9, fields: tx('c1', A) },
        { seq: 2, table: 'transactions', rowId: 't-c1', hlc, baseSeq: 9, fields: { amount: 1 } },
      ],
      objects,
      scopeView(scope),
    );
    expect(out.refused.map((r) => [r.change.seq, r.code])).toEqual([[2, 'APPEND_ONLY']]);
    expect(out.changed.size).toBe(0);
  });
});
