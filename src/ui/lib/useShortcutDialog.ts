import { useEffect, useState } from 'react';
import { isPlainKey } from './keyboard.js';

/**
 * A dialog that a single key opens (K: a new case, R: plan a contact), as
 * long as no other dialog is open and nobody is typing in a field.
 */
export function useShortcutDialog(key: string): [open: boolean, setOpen: (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (open || !isPlainKey(event, key) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, key]);
  return [open, setOpen];
}
