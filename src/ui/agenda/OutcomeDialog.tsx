import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { AgendaActionResult, AgendaItem } from '../../shared/domain/agenda.js';
import { CHANNELS, OUTCOMES, PURPOSES, type Channel, type Outcome, type Purpose } from '../../shared/domain/interaction.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { ChoiceGroup } from '../interactions/ChoiceGroup.js';

/**
 * Capture the outcome of an agenda item (T2): the outcome has the focus
 * (arrows or the first letter choose), Tab goes to the channel, purpose and
 * notes; Enter saves (Shift+Enter is a new line in the notes), Escape closes.
 * Saving logs a real interaction and moves a recurring plan on.
 */
export function OutcomeDialog({ item, onClose, onSaved }: { item: AgendaItem; onClose(): void; onSaved(result: AgendaActionResult): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [channel, setChannel] = useState<Channel>(item.channel);
  const [purpose, setPurpose] = useState<Purpose>(item.purpose);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    return () => previous?.focus?.();
  }, []);

  async function save() {
    if (saving) return;
    setSaving(true);
    const result = await call('agenda.complete', { key: item.key, outcome, channel, purpose, notes: notes.trim() === '' ? null : notes });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    onSaved(result.value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey && !(event.target instanceof HTMLButtonElement && event.target.getAttribute('role') !== 'radio')) {
      event.preventDefault();
      event.stopPropagation();
      void save();
    }
  }

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog agenda-dialog card" role="dialog" aria-modal="true" aria-labelledby="outcome-title" onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id="outcome-title">{t('agenda.outcome.title')}</h2>
          <p className="muted">
            {item.customerName} · {t(`agenda.source.${item.source}`)}
            {item.reason ? ` · ${item.reason}` : ''}
          </p>
        </header>
        {error && <ErrorBanner error={error} />}
        <ChoiceGroup<Outcome> label={t('interaction.outcome')} options={OUTCOMES} value={outcome} onChange={setOutcome} labelOf={(o) => t(`outcome.${o}`)} autoFocus className="choice-group__options--wide" />
        <ChoiceGroup<Channel> label={t('interaction.channel')} options={CHANNELS} value={channel} onChange={setChannel} labelOf={(c) => t(`channel.${c}`)} className="choice-group__options--wide" />
        <ChoiceGroup<Purpose> label={t('interaction.purpose')} options={PURPOSES} value={purpose} onChange={setPurpose} labelOf={(p) => t(`purpose.${p}`)} />
        <label className="field">
          <span className="field__label">{t('interaction.notes')}</span>
          <textarea className="textarea" rows={3} value={notes} placeholder={t('interaction.notesHint')} aria-invalid={fields.notes ? true : undefined} onChange={(e) => setNotes(e.target.value)} />
          {fields.notes && <span className="field__error">{fields.notes.message}</span>}
        </label>
        <footer className="dialog__footer">
          <span className="muted dialog__keys">
            <kbd>Tab</kbd> {t('interaction.keysNext')} · <kbd>←</kbd>
            <kbd>→</kbd> {t('interaction.keysChoose')} · <kbd>Enter</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={saving} onClick={() => void save()}>
            {saving ? t('common.saving') : t('agenda.outcome.save')}
          </button>
        </footer>
      </div>
    </div>
  );
}
