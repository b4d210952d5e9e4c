import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../shared/domain/customer.js';
import { RELATIONS, type Relation } from '../../shared/domain/profile.js';
import { call } from '../app/api.js';
import { rowKey, type FamilyDraft } from './customerDraft.js';

/**
 * Family members are customers too (C1): found by the same instant search
 * (name, phone, number), picked with the arrow keys and Enter, then given
 * a relation. A relative who is not a customer yet is registered first.
 */
export function FamilyEditor({ family, selfId, onChange, messageOf }: { family: FamilyDraft[]; selfId: string | null; onChange(next: FamilyDraft[]): void; messageOf(key: string): string | null }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CustomerRow[]>([]);
  const [highlighted, setHighlighted] = useState(0);

  useEffect(() => {
    if (query.trim().length < 2) return setResults([]);
    let current = true;
    const timer = setTimeout(() => {
      void call('customers.search', { query, limit: 8 }).then((r) => {
        if (!current || !r.ok) return;
        setResults(r.value.rows.filter((row) => row.id !== selfId && !family.some((f) => f.customerId === row.id)));
        setHighlighted(0);
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, selfId, family]);

  function pick(row: CustomerRow) {
    onChange([...family, { key: rowKey(), customerId: row.id, fullName: row.fullName, customerNumber: row.customerNumber, relation: 'spouse' }]);
    setQuery('');
    setResults([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setHighlighted((h) => Math.min(results.length - 1, h + 1));
    else if (event.key === 'ArrowUp') setHighlighted((h) => Math.max(0, h - 1));
    else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && results[highlighted]) pick(results[highlighted]);
    else if (event.key === 'Escape' && query !== '') setQuery('');
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div className="family-editor">
      {family.length > 0 && (
        <ul className="family-editor__list">
          {family.map((f, i) => (
            <li key={f.key} className="family-editor__row" data-testid={`family-row-${i}`}>
              <div className="family-editor__who">
                <strong>{f.fullName || t('family.otherBranch')}</strong>
                {f.customerNumber && <span className="mono muted">{f.customerNumber}</span>}
                {messageOf(`family.${f.key}.customerId`) && <span className="field__error">{messageOf(`family.${f.key}.customerId`)}</span>}
              </div>
              <select className="select" aria-label={t('family.relationOf', { name: f.fullName })} value={f.relation} onChange={(e) => onChange(family.map((x) => (x.key === f.key ? { ...x, relation: e.target.value as Relation } : x)))}>
                {RELATIONS.map((r) => <option key={r} value={r}>{t(`relation.${r}`)}</option>)}
              </select>
              <button type="button" className="button button--quiet button--small" onClick={() => onChange(family.filter((x) => x.key !== f.key))} aria-label={t('family.remove', { name: f.fullName })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="family-editor__search">
        <label className="field">
          <span className="field__label">{t('family.add')}</span>
          <input
            className="input"
            type="search"
            autoComplete="off"
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls="family-results"
            aria-activedescendant={results.length > 0 ? `family-result-${highlighted}` : undefined}
            placeholder={t('family.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </label>
        {results.length > 0 && (
          <ul id="family-results" role="listbox" className="family-editor__results">
            {results.map((r, i) => (
              <li key={r.id} id={`family-result-${i}`} role="option" aria-selected={i === highlighted} className="family-editor__result" onMouseDown={(e) => { e.preventDefault(); pick(r); }}>
                <strong>{r.fullName}</strong> <span className="mono muted">{r.customerNumber}</span>
                {r.city && <span className="muted"> · {r.city}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
