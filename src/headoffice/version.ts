import { readFileSync } from 'node:fs';

/** The application version from package.json, reported by /health and --version. */
export const APP_VERSION: string = readVersion();

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // A bundled build may not ship package.json next to the code; the server still runs.
    return '0.0.0';
  }
}
