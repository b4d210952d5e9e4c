import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors.js';

/**
 * PGlite is a database inside one process: two processes opening the same
 * directory would corrupt it. <dataDir>/lock holds the pid of the process
 * that has it open; a lock left by a process that died is taken over.
 * Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'lock');
  // Second attempt only after removing a lock left by a process that died.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new AppError(
          'UNAVAILABLE',
          undefined,
          `data directory ${dataDir} is in use by process ${holder}; stop it, or use the admin HTTP API of the running server`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new AppError('UNAVAILABLE', undefined, `could not lock data directory ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
