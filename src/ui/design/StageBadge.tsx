import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../shared/domain/customer.js';

export function StageBadge({ stage }: { stage: CustomerRow['lifecycleStage'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${stage}`}>{t(`stage.${stage}`)}</span>;
}
