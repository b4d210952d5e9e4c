import { useRef, type KeyboardEvent } from 'react';
import { foldName } from '../../shared/domain/text.js';

interface ChoiceGroupProps<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  labelOf(option: T): string;
  onChange(value: T): void;
  /** Extra class for the grid of options (e.g. more columns for channels). */
  className?: string;
  autoFocus?: boolean;
}

/**
 * A radio group driven from the keyboard: Tab enters it at the chosen
 * option, arrow keys move the choice, and typing a letter jumps to the next
 * option whose label starts with it ("T" for Telepon, again for the next T).
 */
export function ChoiceGroup<T extends string>({ label, options, value, labelOf, onChange, className, autoFocus }: ChoiceGroupProps<T>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const choose = (index: number) => {
    const next = (index + options.length) % options.length;
    onChange(options[next]);
    refs.current[next]?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = options.indexOf(value);
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') choose(current + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') choose(current - 1);
    else if (event.key === 'Home') choose(0);
    else if (event.key === 'End') choose(options.length - 1);
    else if (event.key.length === 1 && /\p{L}/u.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = foldName(event.key);
      const order = options.map((_, i) => (current + 1 + i) % options.length);
      const hit = order.find((i) => foldName(labelOf(options[i])).startsWith(letter));
      if (hit === undefined) return;
      choose(hit);
    } else return;
    event.preventDefault();
  }

  return (
    <div className="choice-group">
      <span className="choice-group__label" id={`${label}-label`}>
        {label}
      </span>
      <div role="radiogroup" aria-label={label} className={`choice-group__options ${className ?? ''}`} onKeyDown={onKeyDown}>
        {options.map((option, i) => (
          <button
            key={option}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={option === value}
            tabIndex={option === value ? 0 : -1}
            autoFocus={autoFocus && option === value}
            className="choice"
            onClick={() => onChange(option)}
          >
            {labelOf(option)}
          </button>
        ))}
      </div>
    </div>
  );
}
