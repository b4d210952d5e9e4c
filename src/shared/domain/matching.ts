import { foldName } from './text.js';

/**
 * Whether two typed names are probably the same person (C7, B6): the same
 * words in another order, a name with a part left out ("Siti Nurhaliza" and
 * "Siti Nurhaliza binti Ahmad"), or a typo or two (Jaro-Winkler). Used only
 * together with an equal birth date, so a loose threshold stays safe.
 */
export const SIMILAR_NAME = 0.88;

export function nameSimilarity(a: string, b: string): number {
  const x = foldName(a).replace(/[^\p{L}\p{N} ]/gu, '');
  const y = foldName(b).replace(/[^\p{L}\p{N} ]/gu, '');
  if (!x || !y) return 0;
  if (x === y) return 1;
  const xs = x.split(' ');
  const ys = y.split(' ');
  const sorted = (w: string[]) => [...w].sort().join(' ');
  if (sorted(xs) === sorted(ys)) return 0.98;
  const [short, long] = xs.length <= ys.length ? [xs, ys] : [ys, xs];
  // Every word of the shorter name is in the longer one (whole, or as its initial "M." for "Muhammad").
  const contained = short.length >= 2 && short.every((w) => long.some((v) => v === w || (w.length === 1 && v.startsWith(w))));
  if (contained) return 0.95;
  return jaroWinkler(x, y);
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] !== undefined && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
