export type TextTree = { [key: string]: string | TextTree };

/**
 * The shell's texts plus each feature's own file. A top-level key belongs to
 * exactly one file: a key defined twice is a mistake that would silently hide
 * one of the texts, so it fails loudly at start (and in the i18n-keys test).
 */
export function mergeTexts(base: TextTree, features: [path: string, texts: TextTree][]): TextTree {
  const merged: TextTree = { ...base };
  const owner = new Map<string, string>(Object.keys(base).map((k) => [k, 'i18n']));
  for (const [path, texts] of features) {
    for (const [key, value] of Object.entries(texts)) {
      const first = owner.get(key);
      if (first) throw new Error(`UI text key "${key}" is defined in both ${first} and ${path}`);
      owner.set(key, path);
      merged[key] = value;
    }
  }
  return merged;
}
