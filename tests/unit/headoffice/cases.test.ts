import { describe, expect, it } from 'vitest';
import { escalatedCaseFromRow, type SyncedCaseData } from '../../../src/headoffice/cases/service.js';

/** Escalation as the head office computes it from a synced row, whatever the branch recorded. */
const row: SyncedCaseData = {
  customer_id: 'c1',
  branch_id: 'b1',
  case_number: 'JKT01-K000007',
  kind: 'complaint',
  category: 'product_defect',
  priority: 'urgent',
  subject: 'Kemasan bocor',
  department: 'quality_control',
  assignee_name: null,
  status: 'assigned',
  opened_at: '2026-12-01T00:00:00.000Z',
  first_response_due_at: '2026-12-01T01:00:00.000Z',
  first_responded_at: null,
  sla_due_at: '2026-12-01T08:00:00.000Z',
  head_office_due_at: '2026-12-02T08:00:00.000Z',
  escalation_level: 0,
};
const at = (iso: string) => new Date(iso);

describe('escalation at the head office', () => {
  it('reaches the branch manager from the deadlines even when the branch recorded nothing yet', () => {
    const c = escalatedCaseFromRow('k7', row, at('2026-12-01T02:00:00.000Z'));
    expect(c).toMatchObject({ recordedLevel: 0, escalationLevel: 1, hoursPastResolution: -6 });
  });
  it('reaches the head office once the head-office deadline passes unresolved', () => {
    expect(escalatedCaseFromRow('k7', row, at('2026-12-02T08:00:00.000Z')).escalationLevel).toBe(2);
    expect(escalatedCaseFromRow('k7', { ...row, status: 'waiting_customer' }, at('2026-12-03T00:00:00.000Z'))).toMatchObject({ escalationLevel: 2, hoursPastResolution: 40 });
  });
  it('keeps the level a branch recorded when it is higher than the deadlines say (a branch clock ahead)', () => {
    expect(escalatedCaseFromRow('k7', { ...row, escalation_level: 2 }, at('2026-12-01T00:30:00.000Z')).escalationLevel).toBe(2);
  });
  it('does not escalate a resolved case further, and counts a timely first response', () => {
    expect(escalatedCaseFromRow('k7', { ...row, status: 'resolved', escalation_level: 1 }, at('2026-12-05T00:00:00.000Z')).escalationLevel).toBe(1);
    expect(escalatedCaseFromRow('k7', { ...row, first_responded_at: '2026-12-01T00:20:00.000Z' }, at('2026-12-01T02:00:00.000Z')).escalationLevel).toBe(0);
  });
});
