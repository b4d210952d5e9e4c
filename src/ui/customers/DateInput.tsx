import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './dateInput.css';

interface DateInputProps {
  id: string;
  value: string;
  onChange(value: string): void;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * A calendar date typed as YYYY-MM-DD; 22/11/1990 and 22-11-1990 (how most
 * clerks write a date) are turned into 1990-11-22 when the field is left.
 * The calendar button opens the browser's own date picker.
 */
export function DateInput({ id, value, onChange, invalid, describedBy }: DateInputProps) {
  const { t } = useTranslation();
  const pickerRef = useRef<HTMLInputElement>(null);
  return (
    <div className="date-input">
      <input
        id={id}
        className="input tabular"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('form.datePlaceholder')}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => onChange(toIsoDate(e.target.value))}
      />
      <button
        type="button"
        className="button button--small date-input__pick"
        aria-label={t('form.pickDate')}
        title={t('form.pickDate')}
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
        value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** 22/11/1990, 22-11-1990, 22.11.1990 or 1990-11-2 -> 1990-11-22 / 1990-11-02; anything else is left for the server to judge. */
export function toIsoDate(text: string): string {
  const trimmed = text.trim();
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}`;
  const yearFirst = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(trimmed);
  if (yearFirst) return `${yearFirst[1]}-${yearFirst[2].padStart(2, '0')}-${yearFirst[3].padStart(2, '0')}`;
  return trimmed;
}
