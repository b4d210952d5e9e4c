import { appendFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/api/procedures/imports.js';

/** Staged files older than this are swept: an upload nobody imported, an export nobody fetched. */
const STALE_MS = 24 * 60 * 60 * 1000;
const ID = /^[0-9a-f-]{36}$/;

/**
 * Files on their way in (uploads to import) and out (finished exports),
 * kept in the branch's data folder, never in memory: a 100,000-row file
 * arrives in pieces small enough for any transport.
 */
export class StagedFiles {
  readonly dir: string;

  constructor(dataDir: string, kind: 'uploads' | 'exports') {
    this.dir = dataDir === ':memory:' ? join(tmpdir(), `simpul-${kind}-${process.pid}`) : join(dataDir, kind);
    mkdirSync(this.dir, { recursive: true });
    this.sweep();
  }

  /** Appends a piece to an upload; the first piece (no id) starts a new one. */
  append(id: string | undefined, fileName: string, bytes: Buffer): { id: string; bytes: number } {
    const uploadId = id ?? newId();
    const path = this.pathOf(uploadId, fileName, id === undefined);
    const size = existsSync(path) ? statSync(path).size : 0;
    if (size + bytes.length > MAX_IMPORT_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    appendFileSync(path, bytes);
    return { id: uploadId, bytes: size + bytes.length };
  }

  /** Stages a file already on this machine (the command line). */
  adopt(path: string, read: (path: string) => Buffer): string {
    const id = newId();
    appendFileSync(this.pathOf(id, basename(path), true), read(path));
    return id;
  }

  /** The staged file of an id: its path and the name it was given. */
  find(id: string): { path: string; fileName: string } {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    const dir = join(this.dir, id);
    const name = existsSync(dir) ? readdirSync(dir)[0] : undefined;
    if (!name) throw new AppError('NOT_FOUND');
    return { path: join(dir, name), fileName: name };
  }

  /** A fresh path for a file this side writes (an export). */
  create(fileName: string): { id: string; path: string } {
    const id = newId();
    return { id, path: this.pathOf(id, fileName, true) };
  }

  remove(id: string): void {
    if (ID.test(id)) rmSync(join(this.dir, id), { recursive: true, force: true });
  }

  private pathOf(id: string, fileName: string, fresh: boolean): string {
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    const dir = join(this.dir, id);
    if (fresh) mkdirSync(dir, { recursive: true });
    else if (!existsSync(dir)) throw new AppError('NOT_FOUND');
    const existing = readdirSync(dir)[0];
    // The name is only a label: strip anything that could leave the folder.
    return join(dir, existing ?? (basename(fileName).replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 120) || 'file'));
  }

  private sweep(): void {
    const cutoff = Date.now() - STALE_MS;
    for (const entry of readdirSync(this.dir)) {
      const path = join(this.dir, entry);
      try {
        if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
    }
  }
}
