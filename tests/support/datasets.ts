import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real data sets of ../shared/datasets (beside the checkout), found the
 * same way from every test and benchmark whatever the working directory:
 * SIMPUL_DATASETS if set, else the shared folder next to the repository,
 * else the machines' /work/shared/datasets.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function datasetFile(...parts: string[]): string {
  const roots = [process.env.SIMPUL_DATASETS, join(repo, '..', 'shared', 'datasets'), '/work/shared/datasets'].filter((r): r is string => Boolean(r));
  for (const root of roots) {
    const file = join(root, ...parts);
    if (existsSync(file)) return file;
  }
  throw new Error(`data set ${parts.join('/')} not found under ${roots.join(', ')} (set SIMPUL_DATASETS)`);
}

export const CDNOW_SAMPLE = () => datasetFile('cdnow', 'CDNOW_sample.txt');
export const CDNOW_MASTER = () => datasetFile('cdnow', 'CDNOW_master.txt');
