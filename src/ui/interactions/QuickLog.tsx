import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CHANNELS, DIRECTIONS, EXCHANGES, OUTCOMES, PURPOSES, type Channel, type Direction, type Exchange, type Outcome, type Purpose } from '../../shared/domain/interaction.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import './interactions.css';

const LAST_CHANNEL = 'simpul.lastChannel';

function lastChannel(): Channel | null {
  try {
    const value = localStorage.getItem(LAST_CHANNEL);
    return (CHANNELS as readonly string[]).includes(value ?? '') ? (value as Channel) : null;
  } catch {
    return null;
  }
}

/**
 * Log a contact in seconds (T1): the quick-log opens with the channel the
 * clerk used last (or the customer's preferred one) already chosen, so "I",
 * then Enter, logs a counter visit. Tab moves between the groups, arrows or
 * a first letter choose, Enter saves, Shift+Enter starts a new line in the
 * notes, Escape closes without saving.
 */
export function QuickLog({ customerId, customerName, preferred, onClose, onSaved }: {
  customerId: string;
  customerName: string;
  preferred: Channel | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<Channel>(lastChannel() ?? preferred ?? 'visit');
  const [direction, setDirection] = useState<Direction>('inbound');
  const [exchange, setExchange] = useState<Exchange>('two_way');
  const [purpose, setPurpose] = useState<Purpose>('service');
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [notes, setNotes] = useState('');
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  async function save() {
    if (saving) return;
    setSaving(true);
    const duration = minutes.trim() === '' ? null : Number(minutes);
    const result = await call('interactions.log', {
      customerId,
      channel,
      direction,
      exchange,
      purpose,
      outcome,
      notes: notes.trim() === '' ? null : notes,
      durationMinutes: duration !== null && Number.isInteger(duration) ? duration : null,
    });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    try {
      localStorage.setItem(LAST_CHANNEL, channel);
    } catch {
      // private window: the default stays the customer's preferred channel
    }
    onSaved();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey && !(event.target instanceof HTMLButtonElement && event.target.type === 'button' && event.target.getAttribute('role') !== 'radio')) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Tab') {
      // Keep focus inside the dialog.
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('[tabindex="0"], textarea, input, button:not([role="radio"])') ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  // Closing returns focus to where the clerk was.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    return () => previous?.focus?.();
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog quick-log card" role="dialog" aria-modal="true" aria-labelledby="quick-log-title" ref={dialogRef} onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="quick-log-title">{t('interaction.logTitle')}</h2>
          <p className="muted">{customerName}</p>
        </header>
        {error && <ErrorBanner error={error} />}
        <ChoiceGroup<Channel> label={t('interaction.channel')} options={CHANNELS} value={channel} onChange={setChannel} labelOf={(c) => t(`channel.${c}`)} className="choice-group__options--wide" autoFocus />
        <div className="quick-log__row">
          <ChoiceGroup<Direction> label={t('interaction.direction')} options={DIRECTIONS} value={direction} onChange={setDirection} labelOf={(d) => t(`direction.${d}`)} />
          <ChoiceGroup<Exchange> label={t('interaction.exchange')} options={EXCHANGES} value={exchange} onChange={setExchange} labelOf={(x) => t(`exchange.${x}`)} />
        </div>
        <ChoiceGroup<Purpose> label={t('interaction.purpose')} options={PURPOSES} value={purpose} onChange={setPurpose} labelOf={(p) => t(`purpose.${p}`)} />
        <ChoiceGroup<Outcome> label={t('interaction.outcome')} options={OUTCOMES} value={outcome} onChange={setOutcome} labelOf={(o) => t(`outcome.${o}`)} />
        <div className="quick-log__row quick-log__row--notes">
          <label className="field">
            <span className="field__label">{t('interaction.notes')}</span>
            <textarea className="textarea" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('interaction.notesHint')} />
          </label>
          <label className="field quick-log__minutes">
            <span className="field__label">{t('interaction.minutes')}</span>
            <input className="input tabular" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value.replace(/\D/g, '').slice(0, 4))} />
          </label>
        </div>
        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>Tab</kbd> {t('interaction.keysNext')} · <kbd>←</kbd><kbd>→</kbd> {t('interaction.keysChoose')} · <kbd>Enter</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t('interaction.save')}
          </button>
        </footer>
      </div>
    </div>
  );
}
