import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/api/errors.js';
import id from './id.json';
import en from './en.json';

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

void i18next.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
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
