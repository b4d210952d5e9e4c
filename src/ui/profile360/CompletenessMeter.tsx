import { useTranslation } from 'react-i18next';
import type { CompletenessKey } from '../../shared/domain/profile.js';

/**
 * C6: how complete the profile is, and what to ask next. The missing items
 * are in order of worth, so the clerk asks the first one on the next contact.
 */
export function CompletenessMeter({ score, missing, onFill }: { score: number; missing: CompletenessKey[]; onFill?(): void }) {
  const { t } = useTranslation();
  const tone = score >= 80 ? 'good' : score >= 50 ? 'fair' : 'low';
  return (
    <section className="completeness card" aria-labelledby="completeness-title">
      <div className="completeness__head">
        <h2 id="completeness-title" className="completeness__title">
          {t('completeness.title')}
        </h2>
        <span className={`completeness__score completeness__score--${tone}`} data-testid="completeness-score">
          {score}%
        </span>
        {onFill && missing.length > 0 && (
          <button type="button" className="button button--small button--quiet" onClick={onFill}>
            {t('completeness.fill')} <kbd>E</kbd>
          </button>
        )}
      </div>
      <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={score} aria-label={t('completeness.title')}>
        <div className={`meter__fill meter__fill--${tone}`} style={{ width: `${score}%` }} />
      </div>
      {missing.length === 0 ? (
        <p className="muted">{t('completeness.complete')}</p>
      ) : (
        <div className="completeness__missing">
          <span className="muted">{t('completeness.missing')}</span>
          <ul className="chips" aria-label={t('completeness.missing')}>
            {missing.slice(0, 5).map((key) => (
              <li key={key} className="chip chip--static chip--missing">
                {t(`completeness.item.${key}`)}
              </li>
            ))}
            {missing.length > 5 && <li className="chip chip--static">{t('completeness.more', { count: missing.length - 5 })}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
