import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.js';
import { parseTypedTime, shiftTime, showTime } from './dateText.js';
import './dateInput.css';

interface TimeInputProps {
  id?: string;
  /** HH:MM, '' for none, or the clerk's text while it is not a time yet. */
  value: string;
  /** Called with HH:MM, '' when emptied, or the typed text when it is not a time. */
  onChange(value: string): void;
  /** Minutes that ↑ and ↓ move the time by. */
  step?: number;
  invalid?: boolean;
  describedBy?: string;
  label?: string;
}

/**
 * A time of day on the 24-hour clock, 09.30 in Indonesian and 09:30 in
 * English (a native time field follows the computer: 09:30 AM on many).
 * Typed as 9, 930, 0930, 9.30 or 9:30; ↑ and ↓ move it by the step.
 */
export function TimeInput({ id, value, onChange, step = 5, invalid, describedBy, label }: TimeInputProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [text, setText] = useState(() => showTime(value, locale));
  const [left, setLeft] = useState(false);
  const textRef = useRef(text);
  textRef.current = text;

  useEffect(() => {
    const typed = parseTypedTime(textRef.current);
    if ((typed ?? textRef.current) !== value) setText(showTime(value, locale));
  }, [value, locale]);
  // A language switch rewrites a finished time in the new language's way (09.30 / 09:30).
  useEffect(() => {
    const typed = parseTypedTime(textRef.current);
    if (typed) setText(showTime(typed, locale));
  }, [locale]);

  const update = (next: string) => {
    setText(next);
    onChange(parseTypedTime(next) ?? next);
  };
  const notATime = left && parseTypedTime(text) === null;
  const formatId = id ? `${id}-format` : undefined;
  const showFormat = notATime;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') setLeft(true);
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = parseTypedTime(text);
    if (!current) return;
    event.preventDefault();
    const [h, m] = current.split(':').map(Number);
    const minutes = h * 60 + m;
    // Snap to the step first: 09.03 ↑ 09.05, not 09.08.
    const snapped = event.key === 'ArrowUp' ? Math.floor(minutes / step) * step + step : Math.ceil(minutes / step) * step - step;
    update(showTime(shiftTime('00:00', snapped), locale));
  };

  return (
    <div className="date-field">
      <div className="date-input time-input">
        <input
          id={id}
          className="input tabular"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.timePlaceholder')}
          value={text}
          aria-label={label}
          aria-invalid={invalid || notATime || undefined}
          aria-describedby={[describedBy, showFormat ? formatId : null].filter(Boolean).join(' ') || undefined}
          onChange={(e) => update(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => setLeft(false)}
          onBlur={() => {
            setLeft(true);
            const parsed = parseTypedTime(text);
            if (parsed) setText(showTime(parsed, locale));
          }}
        />
      </div>
      {showFormat && (
        <span className="field__error" id={formatId} role="alert">
          {t('dateField.timeInvalid')}
        </span>
      )}
    </div>
  );
}
