import { useTranslation } from 'react-i18next';
import type { AppointmentStatus, QcResult } from '../../shared/domain/appointment.js';

/** The status of the work in words, coloured by how far along it is. */
export function StatusBadge({ status, qc }: { status: AppointmentStatus; qc?: QcResult | null }) {
  const { t } = useTranslation();
  return (
    <span className="appt-badges">
      <span className={`appt-status appt-status--${status}`}>{t(`appointment.status.${status}`)}</span>
      {qc === 'fail' && <span className="qc-result qc-result--fail">{t('appointment.qc.failedBadge')}</span>}
    </span>
  );
}
