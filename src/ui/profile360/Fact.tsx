import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One labelled fact of a profile card; empty shows "not recorded yet". */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{empty ? <span className="cell-empty">{t('profile.notRecorded')}</span> : children}</dd>
    </div>
  );
}
