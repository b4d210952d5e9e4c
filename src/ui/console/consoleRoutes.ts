import { useSyncExternalStore } from 'react';

/**
 * Hash routes of the console (the page is /console/, the screen after #):
 *   #/health      sync health of every branch (the start)
 *   #/conflicts   conflict review
 *   #/duplicates  probable duplicates across branches
 *   #/branches    the branch registry: add, enrolment tokens, revoke
 *   #/reports/<name>  consolidated reports with the branch comparison (rfm when no name)
 */
export const CONSOLE_SCREENS = ['health', 'conflicts', 'duplicates', 'branches', 'reports'] as const;
export type ConsoleScreen = (typeof CONSOLE_SCREENS)[number];

export function parseConsoleRoute(hash: string): ConsoleScreen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (CONSOLE_SCREENS as readonly string[]).includes(name) ? (name as ConsoleScreen) : 'health';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useConsoleRoute(): ConsoleScreen {
  return parseConsoleRoute(useSyncExternalStore(subscribe, () => window.location.hash));
}

/** The consolidated reports the report screen offers, in its tab order. */
export const CONSOLE_REPORTS = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'service', 'anomalies', 'prediction'] as const;
export type ConsoleReport = (typeof CONSOLE_REPORTS)[number];

export function parseConsoleReport(hash: string): ConsoleReport {
  const name = hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/')[1] ?? '';
  return (CONSOLE_REPORTS as readonly string[]).includes(name) ? (name as ConsoleReport) : 'rfm';
}

export function useConsoleReportRoute(): ConsoleReport {
  return parseConsoleReport(useSyncExternalStore(subscribe, () => window.location.hash));
}
