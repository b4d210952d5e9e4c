import { AppError } from '../../shared/api/errors.js';
import type { Branch } from '../branches/registry.js';
import type { IssuedEnrolmentToken } from '../enrolment/tokens.js';
import { renderError } from '../errors.js';

/** What the CLI writes: tables and sentences for people, one JSON document with --json. */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify({ ok: true, value }, null, 2)}\n`);
}

/**
 * Prints a failure: always a sentence on stderr; with --json also the error
 * envelope on stdout, so scripts read one stream. Returns the exit code:
 * 2 for input the command refused, 1 for anything else.
 */
export function printFailure(io: CliIo, error: unknown, json: boolean): number {
  const { error: apiError } = renderError(error, 'en');
  const lines = [`Error: ${apiError.message} (${apiError.code})`];
  for (const field of apiError.fields ?? []) lines.push(`  ${field.path.join('.') || 'input'}: ${field.message}`);
  // The detail is for the operator at this terminal; the HTTP API never sends it.
  if (error instanceof AppError && error.message !== error.code) lines.push(`  ${error.message}`);
  else if (!(error instanceof AppError) && error instanceof Error) lines.push(`  ${error.message}`);
  io.stderr(`${lines.join('\n')}\n`);
  if (json) io.stdout(`${JSON.stringify({ ok: false, error: apiError }, null, 2)}\n`);
  return apiError.code === 'VALIDATION_FAILED' ? 2 : 1;
}

/** A commander usage error: the same sentence style, exit code 2. */
export function printUsageError(io: CliIo, message: string): number {
  io.stderr(`${message.trim().replace(/^error: /, 'Error: ')}\nRun the command with --help to see its options.\n`);
  return 2;
}

export function branchTable(branches: Branch[]): string {
  if (branches.length === 0) return 'No branches yet. Add one with: simpul-headoffice branch add --code JKT01 --name "Jakarta Pusat"\n';
  const header = ['CODE', 'NAME', 'ZONE', 'STATUS', 'CREATED (UTC)', 'LAST SEEN (UTC)'];
  const rows = branches.map((b) => [b.code, b.name, b.timeZone, b.status, shortInstant(b.createdAt), b.lastSeenAt ? shortInstant(b.lastSeenAt) : 'never']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

export function branchSentence(branch: Branch): string {
  return `${branch.code}  ${branch.name}  (${branch.timeZone}, ${branch.status}, id ${branch.id})`;
}

export function tokenSentence(issued: IssuedEnrolmentToken): string {
  return [
    `Enrolment token for ${issued.branchCode} (shown once, valid until ${shortInstant(issued.expiresAt)} UTC, single use):`,
    '',
    `  ${issued.token}`,
    '',
    'Any earlier unused token of this branch no longer works.',
  ].join('\n') + '\n';
}

function shortInstant(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
