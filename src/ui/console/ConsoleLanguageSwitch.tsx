import { useTranslation } from 'react-i18next';
import { changeLocale } from '../i18n/index.js';

/** ID | EN for the console: kept on this computer like the branch app's choice. */
export function ConsoleLanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'id';
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {(['id', 'en'] as const).map((locale) => (
        <button key={locale} type="button" lang={locale} aria-pressed={current === locale} title={t(`language.${locale}`)} onClick={() => void changeLocale(locale)}>
          {locale.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
