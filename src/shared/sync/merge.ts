/**
 * Field-level merge, the rule the head office applies to every incoming
 * change (REQUIREMENTS B4). Pure, so it is property-tested on its own.
 *
 * Each field of a row carries a clock: the HLC of the change that set it and
 * the head-office sequence number at which that happened. An incoming change
 * carries its HLC and `baseSeq`: the row version its author had seen.
 *
 * - If the field has not changed since the author's base (field.seq <= baseSeq),
 *   the edit was made knowing the current value: it is a plain sequential
 *   update and applies, whatever the clocks say. Clock skew cannot undo an
 *   edit made later in real causality.
 * - Otherwise the two edits were concurrent. The greater HLC wins (the node id
 *   inside the HLC breaks ties), so every replica picks the same winner in any
 *   arrival order; the losing value is returned for the conflict log.
 */

export type FieldValue = string | number | boolean | null;

export interface FieldClock {
  /** HLC of the change that set the current value. */
  hlc: string;
  /** Head-office sequence number at which it was set. */
  seq: number;
}

export interface IncomingField {
  value: FieldValue;
  hlc: string;
  baseSeq: number;
}

export type FieldOutcome =
  | { kind: 'apply' }
  | { kind: 'apply-over-conflict'; loser: FieldValue; loserHlc: string }
  | { kind: 'reject-conflict' }
  | { kind: 'unchanged' }
  /** Concurrent edits that agree: the value stays, the clock moves to the greater HLC. */
  | { kind: 'advance-clock' };

export function mergeField(current: { value: FieldValue; clock: FieldClock } | null, incoming: IncomingField): FieldOutcome {
  if (current === null) return { kind: 'apply' };
  if (current.clock.hlc === incoming.hlc) return { kind: 'unchanged' }; // the same change again
  // A node knows its own earlier writes: from the same node, a later clock is a sequential edit.
  if (hlcNode(current.clock.hlc) === hlcNode(incoming.hlc)) {
    return incoming.hlc > current.clock.hlc ? { kind: 'apply' } : { kind: 'unchanged' };
  }
  if (current.clock.seq <= incoming.baseSeq) return { kind: 'apply' };
  if (sameValue(current.value, incoming.value)) {
    // Concurrent but in agreement. Keeping the greater clock keeps the outcome
    // of a third concurrent edit independent of arrival order.
    return incoming.hlc > current.clock.hlc ? { kind: 'advance-clock' } : { kind: 'unchanged' };
  }
  return incoming.hlc > current.clock.hlc
    ? { kind: 'apply-over-conflict', loser: current.value, loserHlc: current.clock.hlc }
    : { kind: 'reject-conflict' };
}

function hlcNode(hlc: string): string {
  return hlc.slice(18);
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return a === b;
}
