import { useSyncExternalStore } from 'react';

/**
 * Hash routes of the console (the page is /console/, the screen after #):
 *   #/health      sync health of every branch (the start)
 *   #/conflicts   conflict review
 *   #/duplicates  probable duplicates across branches
 *   #/branches    the branch registry: add, enrolment tokens, revoke
 */
export const CONSOLE_SCREENS = ['health', 'conflicts', 'duplicates', 'branches'] as const;
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
