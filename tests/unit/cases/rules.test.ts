import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CASE_SETTINGS,
  TRANSITIONS,
  canMove,
  caseSettingsSchema,
  computeDeadlines,
  escalationDue,
  isReopen,
  nextDeadline,
  routeCase,
  type CaseSettings,
  type EscalationFacts,
} from '../../../src/shared/domain/case.js';

const settings: CaseSettings = {
  ...DEFAULT_CASE_SETTINGS,
  categories: [
    { code: 'product_defect', label: 'Produk cacat', department: 'quality_control' },
    { code: 'late_delivery', label: 'Kiriman telat', department: 'shipment' },
    { code: 'other', label: 'Lainnya', department: null },
  ],
  defaultDepartment: 'marketing',
};

describe('routing (category -> department, with a default)', () => {
  it('sends a category to its own department', () => {
    expect(routeCase(settings, 'product_defect')).toEqual({ department: 'quality_control', routedBy: 'rule' });
    expect(routeCase(settings, 'late_delivery')).toEqual({ department: 'shipment', routedBy: 'rule' });
  });
  it('sends a category without a department to the default, and knows nothing of unconfigured ones', () => {
    expect(routeCase(settings, 'other')).toEqual({ department: 'marketing', routedBy: 'default' });
    expect(routeCase({ ...settings, defaultDepartment: 'sales' }, 'other')).toEqual({ department: 'sales', routedBy: 'default' });
    expect(routeCase(settings, 'billing')).toBeNull();
  });
  it('the built-in rules route defects to quality control and deliveries to shipment', () => {
    expect(routeCase(DEFAULT_CASE_SETTINGS, 'product_defect')?.department).toBe('quality_control');
    expect(routeCase(DEFAULT_CASE_SETTINGS, 'delivery')?.department).toBe('shipment');
    expect(routeCase(DEFAULT_CASE_SETTINGS, 'promotion')?.department).toBe('marketing');
  });
  it('refuses settings with a repeated category, a bad code or a first response later than the resolution', () => {
    const bad = caseSettingsSchema.safeParse({
      ...settings,
      categories: [...settings.categories, { code: 'other', label: 'Lagi', department: 'sales' }, { code: 'Bad Code', label: 'x', department: null }],
      sla: { ...settings.sla, urgent: { firstResponseHours: 10, resolutionHours: 2 } },
    });
    expect(bad.success).toBe(false);
    const codes = bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(codes).toEqual(expect.arrayContaining(['categories.3.code:duplicate_category', 'categories.4.code:invalid_category', 'sla.urgent.firstResponseHours:sla_order']));
    expect(caseSettingsSchema.safeParse(DEFAULT_CASE_SETTINGS).success).toBe(true);
  });
});

describe('SLA deadlines per priority', () => {
  const opened = new Date('2026-12-03T02:00:00.000Z');
  it('adds the priority\'s first-response and resolution hours, and the head-office delay after the resolution deadline', () => {
    expect(computeDeadlines(DEFAULT_CASE_SETTINGS, 'urgent', opened)).toEqual({
      firstResponseDueAt: '2026-12-03T03:00:00.000Z',
      slaDueAt: '2026-12-03T10:00:00.000Z',
      headOfficeDueAt: '2026-12-04T10:00:00.000Z',
    });
    expect(computeDeadlines(DEFAULT_CASE_SETTINGS, 'low', opened).slaDueAt).toBe('2026-12-10T02:00:00.000Z');
  });
  it('follows configured targets, fractions of an hour included', () => {
    const custom = { ...settings, sla: { ...settings.sla, high: { firstResponseHours: 0.5, resolutionHours: 2 } }, headOfficeAfterHours: 0 };
    expect(computeDeadlines(custom, 'high', opened)).toEqual({
      firstResponseDueAt: '2026-12-03T02:30:00.000Z',
      slaDueAt: '2026-12-03T04:00:00.000Z',
      headOfficeDueAt: '2026-12-03T04:00:00.000Z',
    });
  });
});

describe('escalation: branch manager, then head office', () => {
  const open: EscalationFacts = {
    status: 'assigned',
    firstResponseDueAt: '2026-12-03T03:00:00.000Z',
    firstRespondedAt: null,
    slaDueAt: '2026-12-03T10:00:00.000Z',
    headOfficeDueAt: '2026-12-04T10:00:00.000Z',
  };
  const at = (iso: string) => new Date(iso);
  it('is none before any deadline', () => {
    expect(escalationDue(open, at('2026-12-03T02:59:59.999Z'))).toBe(0);
  });
  it('goes to the branch manager when the first response is late', () => {
    expect(escalationDue(open, at('2026-12-03T03:00:00.000Z'))).toBe(1);
    // ...but not once someone responded in time, until the resolution deadline passes.
    const responded = { ...open, status: 'in_progress' as const, firstRespondedAt: '2026-12-03T02:30:00.000Z' };
    expect(escalationDue(responded, at('2026-12-03T09:00:00.000Z'))).toBe(0);
    expect(escalationDue(responded, at('2026-12-03T10:00:00.000Z'))).toBe(1);
  });
  it('goes to the head office once the head-office deadline passes unresolved, waiting for the customer included', () => {
    expect(escalationDue(open, at('2026-12-04T09:59:00.000Z'))).toBe(1);
    expect(escalationDue(open, at('2026-12-04T10:00:00.000Z'))).toBe(2);
    expect(escalationDue({ ...open, status: 'waiting_customer' }, at('2026-12-05T00:00:00.000Z'))).toBe(2);
  });
  it('stops for resolved and closed cases', () => {
    expect(escalationDue({ ...open, status: 'resolved' }, at('2026-12-09T00:00:00.000Z'))).toBe(0);
    expect(escalationDue({ ...open, status: 'closed' }, at('2026-12-09T00:00:00.000Z'))).toBe(0);
  });
  it('counts down to the first response first, then to the resolution', () => {
    expect(nextDeadline(open)).toEqual({ kind: 'first_response', at: open.firstResponseDueAt });
    expect(nextDeadline({ ...open, firstRespondedAt: 'x' })).toEqual({ kind: 'resolution', at: open.slaDueAt });
    expect(nextDeadline({ ...open, status: 'resolved' })).toBeNull();
  });
});

describe('status workflow', () => {
  it('allows the documented path and reopening', () => {
    const path = ['assigned', 'in_progress', 'waiting_customer', 'in_progress', 'resolved', 'closed', 'in_progress', 'resolved'] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1], path[i]), `${path[i - 1]} -> ${path[i]}`).toBe(true);
    expect(isReopen('closed', 'in_progress')).toBe(true);
    expect(isReopen('resolved', 'in_progress')).toBe(true);
    expect(isReopen('waiting_customer', 'in_progress')).toBe(false);
  });
  it('refuses skipping resolution, going back to open, and leaving closed except by reopening', () => {
    expect(canMove('in_progress', 'closed')).toBe(false);
    expect(canMove('open', 'closed')).toBe(false);
    expect(canMove('in_progress', 'open')).toBe(false);
    expect(canMove('closed', 'resolved')).toBe(false);
    expect(TRANSITIONS.closed).toEqual(['in_progress']);
    // Assigned is reached by assigning (cases.assign), not by a status move.
    expect(Object.values(TRANSITIONS).some((to) => to.includes('assigned'))).toBe(false);
  });
});
