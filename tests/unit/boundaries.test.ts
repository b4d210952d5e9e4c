import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The rooms of ARCHITECTURE.md, enforced: imports point one way.
 *   ui -> shared; branch -> shared; headoffice -> shared; electron -> branch + shared;
 *   shared -> nothing of ours. Only electron/ may import 'electron'.
 * Node built-ins are refused in shared (it runs in the renderer too) and in ui.
 */
const ROOT = resolve(__dirname, '../..');
const ROOMS = ['src/shared', 'src/branch', 'src/headoffice', 'src/ui', 'electron'] as const;
type Room = (typeof ROOMS)[number];
const ALLOWED: Record<Room, Room[]> = {
  'src/shared': ['src/shared'],
  'src/branch': ['src/branch', 'src/shared'],
  'src/headoffice': ['src/headoffice', 'src/shared'],
  'src/ui': ['src/ui', 'src/shared'],
  electron: ['electron', 'src/branch', 'src/shared'],
};

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.(ts|tsx|mts)$/.test(e)) out.push(p);
  }
  return out;
}

function roomOf(file: string): Room | null {
  const rel = relative(ROOT, file).split('\\').join('/');
  return ROOMS.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? null;
}

export function violations(): string[] {
  const found: string[] = [];
  for (const room of ROOMS) {
    for (const file of files(join(ROOT, room))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName: spec } of importedFiles) {
        const where = `${relative(ROOT, file)} imports '${spec}'`;
        if (spec === 'electron' || spec.startsWith('electron/')) {
          if (room !== 'electron') found.push(`${where}: only electron/ may import electron`);
          continue;
        }
        if ((room === 'src/shared' || room === 'src/ui') && (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'crypto'].includes(spec))) {
          found.push(`${where}: ${room} must not use Node built-ins`);
          continue;
        }
        if (!spec.startsWith('.')) continue;
        const target = roomOf(resolve(dirname(file), spec));
        if (target === null) {
          found.push(`${where}: reaches outside the rooms`);
        } else if (!ALLOWED[room].includes(target)) {
          found.push(`${where}: ${room} may not import from ${target}`);
        }
      }
    }
  }
  return found;
}

describe('import boundaries between rooms', () => {
  it('has no violations', () => {
    expect(violations()).toEqual([]);
  });

  it('would catch a violation (the checker itself works)', () => {
    const { importedFiles } = ts.preProcessFile("import { x } from '../branch/core.js'; import 'electron';", true, true);
    expect(importedFiles.map((f) => f.fileName)).toEqual(['../branch/core.js', 'electron']);
    expect(roomOf(resolve(ROOT, 'src/ui/a/../../branch/core.ts'))).toBe('src/branch');
    expect(ALLOWED['src/ui']).not.toContain('src/branch');
  });
});
