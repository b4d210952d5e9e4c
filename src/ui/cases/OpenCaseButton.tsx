import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/domain/case.js';
import type { Channel } from '../../shared/domain/interaction.js';
import { useShortcutDialog } from '../lib/useShortcutDialog.js';
import { OpenCaseDialog } from './OpenCaseDialog.js';

/** "Keluhan baru" on the customer profile, also on the K key (when no other dialog is open). */
export function OpenCaseButton({ customerId, customerName, preferred, onSaved }: {
  customerId: string;
  customerName: string;
  preferred: Channel | null;
  onSaved(c: CaseDetail): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useShortcutDialog('k');

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('cases.open.button')} <kbd>K</kbd>
      </button>
      {open && (
        <OpenCaseDialog
          customerId={customerId}
          customerName={customerName}
          preferred={preferred}
          onClose={() => setOpen(false)}
          onSaved={(c) => {
            setOpen(false);
            onSaved(c);
          }}
        />
      )}
    </>
  );
}
