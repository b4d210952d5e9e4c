import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface TagInputProps {
  id: string;
  tags: string[];
  onChange(tags: string[]): void;
  invalid?: boolean;
  describedBy?: string;
}

/** Tags as chips: typed text becomes a chip on comma or Enter; Backspace in an empty box removes the last. */
export function TagInput({ id, tags, onChange, invalid, describedBy }: TagInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');

  function add(raw: string) {
    const fresh = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && !tags.includes(s));
    if (fresh.length > 0) onChange([...tags, ...new Set(fresh)]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Ctrl+Enter saves the form; a plain Enter only makes a chip.
    if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === ',') {
      if (text.trim() !== '') {
        event.preventDefault();
        add(text);
        setText('');
      } else if (event.key === ',') event.preventDefault();
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className={`tag-input ${invalid ? 'tag-input--invalid' : ''}`}>
      {tags.map((tag) => (
        <span className="chip" key={tag}>
          {tag}
          <button type="button" className="chip__remove" onClick={() => onChange(tags.filter((x) => x !== tag))} aria-label={t('form.removeTag', { tag })}>
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        className="tag-input__text"
        value={text}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={tags.length === 0 ? t('form.tagPlaceholder') : ''}
        onChange={(e) => {
          const value = e.target.value;
          if (value.includes(',')) {
            add(value);
            setText('');
          } else setText(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (text.trim()) {
            add(text);
            setText('');
          }
        }}
      />
    </div>
  );
}
