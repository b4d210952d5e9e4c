import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import {
  caseAssignSchema,
  caseCommentSchema,
  caseDetailSchema,
  caseListSchema,
  caseOpenSchema,
  caseQuerySchema,
  caseRateSchema,
  caseRefSchema,
  caseRerouteSchema,
  caseSettingsSchema,
  caseStaffSchema,
  caseTransitionSchema,
} from '../../domain/case.js';

/**
 * Cases (REQUIREMENTS S1): complaints and requests, routed to a department,
 * assigned, worked through a status workflow against SLA deadlines, and
 * escalated to the branch manager and then the head office when a deadline
 * passes. Every change is kept in the case's history.
 */
export const caseProcedures = {
  'cases.open': procedure({
    summary: 'Open a case for a customer: channel, category, priority, subject; routed to a department by the branch rules.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseOpenSchema,
    output: caseDetailSchema,
  }),
  'cases.list': procedure({
    summary: 'Cases by status, department, assignee, overdue or escalation; active ones nearest their deadline first.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: caseQuerySchema,
    output: caseListSchema,
  }),
  'cases.get': procedure({
    summary: 'One case by id or case number, with its deadlines, escalation level, allowed steps and history.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: caseRefSchema,
    output: caseDetailSchema,
  }),
  'cases.assign': procedure({
    summary: 'Assign a case to a staff member (an open case becomes assigned).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseAssignSchema,
    output: caseDetailSchema,
  }),
  'cases.transition': procedure({
    summary: 'Move a case to another status of the workflow (resolving needs the resolution; a resolved or closed case reopens to in progress).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseTransitionSchema,
    output: caseDetailSchema,
  }),
  'cases.reroute': procedure({
    summary: 'Send an active case to another department.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseRerouteSchema,
    output: caseDetailSchema,
  }),
  'cases.rate': procedure({
    summary: 'Record the customer satisfaction (1-5) of a resolved case.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseRateSchema,
    output: caseDetailSchema,
  }),
  'cases.comment': procedure({
    summary: 'Add a note to the history of a case.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: caseCommentSchema,
    output: caseDetailSchema,
  }),
  'cases.escalate': procedure({
    summary: 'Record the escalations that are due now (also done before every list and sync).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: z.strictObject({}),
    output: z.object({ escalated: z.number().int() }),
  }),
  'cases.staff': procedure({
    summary: 'Active staff a case can be assigned to.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({}),
    output: caseStaffSchema,
  }),
  'cases.settings.get': procedure({
    summary: 'The routing rules (category -> department, default) and SLA targets per priority.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({}),
    output: caseSettingsSchema,
  }),
  'cases.settings.update': procedure({
    summary: 'Replace the routing rules and SLA targets (branch manager); open cases keep their deadlines.',
    access: { roles: ['branch_manager'] },
    mutates: true,
    input: caseSettingsSchema,
    output: caseSettingsSchema,
  }),
} satisfies Record<string, Procedure>;
