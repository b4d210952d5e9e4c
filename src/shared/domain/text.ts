/** Lower-case, accent-free, single-spaced: the key names sort and match on. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a search query as FTS tokens would see them. */
export function queryTokens(query: string): string[] {
  return foldName(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
