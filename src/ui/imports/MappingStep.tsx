import { useTranslation } from 'react-i18next';
import { DELIMITERS, type FileInspection, type ImportField, type ImportKind, type ImportMapping, type ParseOptions } from '../../shared/domain/importing.js';
import { DATE_FORMATS } from '../../shared/domain/import-values.js';

/**
 * Which file column feeds which field. The core's guess is filled in; the
 * clerk corrects it with one drop-down per column, seeing the first values
 * of each column. Reading options (separator, header row, date and number
 * format, currency rate) sit above the table.
 */
export function MappingStep({ kind, fields, inspection, mapping, parse, busy, onMapping, onParse, onBack, onCheck }: {
  kind: ImportKind;
  fields: readonly ImportField[];
  inspection: FileInspection;
  mapping: ImportMapping;
  parse: ParseOptions;
  busy: boolean;
  onMapping(next: ImportMapping): void;
  onParse(next: ParseOptions): void;
  onBack(): void;
  onCheck(): void;
}) {
  const { t } = useTranslation();
  const fieldOf = (column: number) => mapping.columns.find((c) => c.column === column)?.field ?? '';
  const setField = (column: number, field: string) => {
    const others = mapping.columns.filter((c) => c.column !== column && (field === '' || c.field !== field));
    onMapping({ ...mapping, columns: field === '' ? others : [...others, { column, field }].sort((a, b) => a.column - b.column) });
  };
  const used = new Set(mapping.columns.map((c) => c.field));
  return (
    <section className="card form-card">
      <h2 className="form-card__title">{t('imports.step.mapping')}</h2>
      <div className="mapping-options">
        {inspection.format === 'csv' && (
          <label className="field">
            <span className="field__label">{t('imports.delimiter')}</span>
            <select className="select" value={parse.delimiter} onChange={(e) => onParse({ ...parse, delimiter: e.target.value as ParseOptions['delimiter'] })}>
              {DELIMITERS.filter((d) => d !== 'auto').map((d) => <option key={d} value={d}>{t(`imports.delimiterName.${d === '|' ? 'pipe' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d}`)}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('imports.headerRow')}</span>
          <select className="select" value={parse.hasHeader} onChange={(e) => onParse({ ...parse, hasHeader: e.target.value as ParseOptions['hasHeader'] })}>
            <option value="yes">{t('imports.headerYes')}</option>
            <option value="no">{t('imports.headerNo')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('imports.dateFormat')}</span>
          <select className="select" value={mapping.dateFormat} onChange={(e) => onMapping({ ...mapping, dateFormat: e.target.value as ImportMapping['dateFormat'] })}>
            {DATE_FORMATS.map((f) => <option key={f} value={f}>{f === 'auto' ? t('imports.dateAuto') : f}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('imports.numberFormat')}</span>
          <select className="select" value={mapping.numberFormat} onChange={(e) => onMapping({ ...mapping, numberFormat: e.target.value as ImportMapping['numberFormat'] })}>
            <option value="id">{t('imports.numberId')}</option>
            <option value="en">{t('imports.numberEn')}</option>
          </select>
        </label>
        {kind === 'transactions' && (
          <>
            <label className="field">
              <span className="field__label">{t('imports.rate')}</span>
              <input className="input tabular" value={mapping.currencyRate} onChange={(e) => onMapping({ ...mapping, currencyRate: e.target.value })} />
              <span className="field__hint">{t('imports.rateHint')}</span>
            </label>
            <label className="checkbox mapping-options__wide">
              <input type="checkbox" checked={mapping.missingCustomer === 'create'} onChange={(e) => onMapping({ ...mapping, missingCustomer: e.target.checked ? 'create' : 'report' })} />
              {t('imports.createMissing')}
            </label>
          </>
        )}
      </div>
      <p className="field__hint">{t(`imports.required.${kind}`)}</p>
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th>{t('imports.column')}</th>
            <th>{t('imports.samples')}</th>
            <th>{t('imports.field')}</th>
          </tr>
        </thead>
        <tbody>
          {inspection.columns.map((c) => {
            const label = c.header ?? t('imports.columnNumber', { n: c.index + 1 });
            return (
              <tr key={c.index} className={fieldOf(c.index) ? 'mapping-table__mapped' : ''}>
                <td><strong>{label}</strong></td>
                <td className="mapping-table__samples">{c.samples.slice(0, 3).join(' · ') || <span className="muted">{t('imports.emptyColumn')}</span>}</td>
                <td>
                  <select className="select" aria-label={t('imports.fieldFor', { column: label })} value={fieldOf(c.index)} onChange={(e) => setField(c.index, e.target.value)}>
                    <option value="">{t('imports.notImported')}</option>
                    {fields.map((f) => (
                      <option key={f} value={f} disabled={used.has(f) && fieldOf(c.index) !== f}>
                        {t(`importField.${f}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-card__actions">
        <button type="button" className="button" onClick={onBack}>{t('imports.back')}</button>
        <button type="button" className="button button--primary" disabled={busy || mapping.columns.length === 0} onClick={onCheck}>
          {busy ? t('imports.checking') : t('imports.check')}
        </button>
      </div>
    </section>
  );
}
