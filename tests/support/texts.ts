import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { mergeTexts, type TextTree } from '../../src/ui/i18n/merge.js';

/**
 * The UI texts of one locale as the app sees them: src/ui/i18n/<locale>.json
 * plus every feature's src/ui/<feature>/texts.<locale>.json (the same merge
 * as src/ui/i18n/index.ts, read from disk for tests that run without Vite).
 */
export function loadTexts(locale: 'id' | 'en'): TextTree {
  const base = JSON.parse(readFileSync(`src/ui/i18n/${locale}.json`, 'utf8')) as TextTree;
  const features = readdirSync('src/ui', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join('src/ui', d.name, `texts.${locale}.json`))
    .filter((path) => existsSync(path))
    .map((path): [string, TextTree] => [path, JSON.parse(readFileSync(path, 'utf8')) as TextTree]);
  return mergeTexts(base, features);
}
