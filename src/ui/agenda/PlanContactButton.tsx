import { useTranslation } from 'react-i18next';
import type { ContactPlan } from '../../shared/domain/agenda.js';
import type { Channel } from '../../shared/domain/interaction.js';
import { useShortcutDialog } from '../lib/useShortcutDialog.js';
import { PlanDialog } from './PlanDialog.js';

/** "Rencanakan kontak" on the customer profile, also on the R key (when no other dialog is open). */
export function PlanContactButton({ customerId, customerName, preferred, onSaved }: {
  customerId: string;
  customerName: string;
  preferred: Channel | null;
  onSaved(plan: ContactPlan): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useShortcutDialog('r');

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('agenda.plan.button')} <kbd>R</kbd>
      </button>
      {open && (
        <PlanDialog
          customerId={customerId}
          customerName={customerName}
          preferred={preferred}
          onClose={() => setOpen(false)}
          onSaved={(plan) => {
            setOpen(false);
            onSaved(plan);
          }}
        />
      )}
    </>
  );
}
