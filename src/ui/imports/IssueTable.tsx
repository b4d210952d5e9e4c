import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '../../shared/domain/importing.js';
import { fieldText } from '../lib/errorText.js';
import { currentLocale } from '../i18n/index.js';

/** The report row by row: the row number as a spreadsheet shows it, the column, what is wrong, what the file said. */
export function IssueTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <table className="data-table issue-table" data-testid="issue-table">
      <thead>
        <tr>
          <th>{t('imports.row')}</th>
          <th>{t('imports.column')}</th>
          <th>{t('imports.problem')}</th>
          <th>{t('imports.value')}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((i, n) => (
          <tr key={`${i.row}-${n}`}>
            <td className="tabular">{i.row}</td>
            <td>{i.column ?? (i.field ? t(`importField.${i.field}`, { defaultValue: i.field }) : '')}</td>
            <td>{fieldText({ code: i.code as never, message: i.message }, locale)}</td>
            <td className="mono">{i.value ?? <span className="muted">{t('imports.empty')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
