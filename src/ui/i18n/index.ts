/// <reference types="vite/client" />
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/api/errors.js';
import id from './id.json';
import en from './en.json';
import { mergeTexts, type TextTree } from './merge.js';

/**
 * Indonesian by default, English on request (REQUIREMENTS X1). The clerk's
 * choice is remembered on this computer in localStorage.
 */
const LOCALE_KEY = 'simpul.locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/**
 * Texts of the shell live in id.json / en.json; a feature keeps its own texts
 * beside its screens as `<feature>/texts.id.json` and `texts.en.json`, each
 * owning its top-level keys (merge refuses a key defined twice).
 */
const featureTexts = import.meta.glob<TextTree>('../*/texts.*.json', { eager: true, import: 'default' });
const pick = (locale: Locale) => Object.entries(featureTexts).filter(([path]) => path.endsWith(`/texts.${locale}.json`));

void i18next.use(initReactI18next).init({
  resources: {
    id: { translation: mergeTexts(id as TextTree, pick('id')) },
    en: { translation: mergeTexts(en as TextTree, pick('en')) },
  },
  lng: storedLocale(),
  fallbackLng: 'id',
  initAsync: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'id';
}

export async function changeLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this window only
  }
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export { i18next };
