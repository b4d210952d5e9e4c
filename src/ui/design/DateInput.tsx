import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../shared/domain/dates.js';
import { parseTypedDate, shiftDate, showDate, withAutoSlashes } from './dateText.js';
import './dateInput.css';

interface DateInputProps {
  id?: string;
  /** YYYY-MM-DD, '' for none, or the clerk's text while it is not a date yet. */
  value: string;
  /** Called with YYYY-MM-DD, '' when emptied, or the typed text when it is not a date (so a save is refused, never guessed). */
  onChange(value: string): void;
  /** The form has a message for this field (marks it invalid; a format message of the field hides a duplicate one of the server). */
  invalid?: boolean;
  describedBy?: string;
  label?: string;
  disabled?: boolean;
}

/**
 * A calendar date written day first, 22/11/2026, whatever the browser's
 * language (a native date field shows the computer's format, e.g. mm/dd/yyyy).
 * Typed as 22/11/2026, 22-11-2026, 22.11.2026, 22112026 or 2026-11-22;
 * the slashes come by themselves while typing digits; ↑ and ↓ move a day,
 * Alt+↓ opens the calendar. A text that is not a date gets a message in
 * the UI's language when the field is left.
 */
export function DateInput({ id, value, onChange, invalid, describedBy, label, disabled }: DateInputProps) {
  const { t } = useTranslation();
  const pickerRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => showDate(value));
  const [left, setLeft] = useState(false);
  const textRef = useRef(text);
  textRef.current = text;

  // A value set from outside (a preset, a reset, the route) replaces what is shown.
  useEffect(() => {
    const typed = parseTypedDate(textRef.current);
    if ((typed ?? textRef.current) !== value) setText(showDate(value));
  }, [value]);

  const update = (next: string) => {
    setText(next);
    const parsed = parseTypedDate(next);
    onChange(parsed ?? next);
  };
  const notADate = left && parseTypedDate(text) === null;
  const formatId = id ? `${id}-format` : undefined;
  const showFormat = notADate;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter saves most forms from any field: say what is wrong with the date then too.
    if (event.key === 'Enter') setLeft(true);
    if (event.altKey && event.key === 'ArrowDown') {
      event.preventDefault();
      pickerRef.current?.showPicker?.();
      return;
    }
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      const current = parseTypedDate(text);
      if (!current) return;
      event.preventDefault();
      const next = showDate(shiftDate(current, event.key === 'ArrowUp' ? 1 : -1));
      update(next);
    }
  };

  return (
    <div className="date-field">
      <div className="date-input date-input--date">
        <input
          id={id}
          className="input tabular"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.placeholder')}
          value={text}
          disabled={disabled}
          aria-label={label}
          aria-invalid={invalid || notADate || undefined}
          aria-describedby={[describedBy, showFormat ? formatId : null].filter(Boolean).join(' ') || undefined}
          onChange={(e) => update(withAutoSlashes(text, e.target.value))}
          onKeyDown={onKeyDown}
          onFocus={() => setLeft(false)}
          onBlur={() => {
            setLeft(true);
            const parsed = parseTypedDate(text);
            if (parsed) setText(showDate(parsed));
          }}
        />
        <button
          type="button"
          className="button button--small date-input__pick"
          // Out of the Tab order: Tab goes on to the next field, Alt+↓ opens the calendar from the keyboard.
          tabIndex={-1}
          aria-label={t('dateField.pick')}
          title={t('dateField.pick')}
          disabled={disabled}
          onClick={() => pickerRef.current?.showPicker?.()}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <rect x="3" y="4.5" width="14" height="12.5" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M3 8.5h14M7 2.5v4M13 2.5v4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
        <input
          ref={pickerRef}
          type="date"
          className="date-input__native"
          tabIndex={-1}
          aria-hidden="true"
          value={isIsoDate(value) ? value : ''}
          onChange={(e) => {
            setLeft(false);
            update(showDate(e.target.value));
          }}
        />
      </div>
      {showFormat && (
        <span className="field__error" id={formatId} role="alert">
          {t('dateField.invalid')}
        </span>
      )}
    </div>
  );
}
