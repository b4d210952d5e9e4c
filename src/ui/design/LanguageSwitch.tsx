import { useTranslation } from 'react-i18next';
import { useSession } from '../session/sessionStore.js';

/** ID | EN: the clerk's choice is kept on this computer. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const switchLocale = useSession((s) => s.switchLocale);
  const current = i18n.language === 'en' ? 'en' : 'id';
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {(['id', 'en'] as const).map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          title={t(`language.${locale}`)}
          onClick={() => void switchLocale(locale)}
        >
          {locale.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
