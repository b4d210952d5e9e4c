import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import { useSession } from '../session/sessionStore.js';
import { count, day, decimal, percent, rupiah } from './format.js';
import { useWords } from './labels.js';

export type CustomerLine = OutputOf<'reports.customers'>['rows'][number];
type Extra = 'profit' | 'pAlive' | 'expected';

/** Customers of a report or a drill-down, with their purchase figures and RFM class. */
export function CustomerTable({ rows, extra = [], testId, startRank }: { rows: CustomerLine[]; extra?: Extra[]; testId?: string; startRank?: number }) {
  const { t } = useTranslation();
  const w = useWords();
  const zone = useSession((s) => s.branch?.timeZone ?? 'WIB');
  if (rows.length === 0) return <p className="muted">{t('reports.common.noCustomers')}</p>;
  return (
    <div className="table-scroll">
      <table className="report-table" data-testid={testId}>
        <thead>
          <tr>
            {startRank !== undefined && <th scope="col" className="num">#</th>}
            <th scope="col">{w.column('customerNumber')}</th>
            <th scope="col">{w.column('fullName')}</th>
            {extra.length === 0 && <th scope="col">{w.column('city')}</th>}
            <th scope="col">{w.column('lastSaleAt')}</th>
            <th scope="col" className="num">{w.column('saleDays')}</th>
            <th scope="col" className="num">{w.column('revenue')}</th>
            {extra.includes('profit') && <th scope="col" className="num">{w.column('costToServe')}</th>}
            {extra.includes('profit') && <th scope="col" className="num">{w.column('profit')}</th>}
            {extra.includes('pAlive') && <th scope="col" className="num">{w.column('pAlive')}</th>}
            {extra.includes('expected') && <th scope="col" className="num">{w.column('expectedPurchases')}</th>}
            {extra.includes('expected') && <th scope="col" className="num">{w.column('expectedValue')}</th>}
            <th scope="col">{w.column('segment')}</th>
            <th scope="col">{w.column('tier')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              {startRank !== undefined && <td className="num muted">{startRank + i}</td>}
              <td className="mono nowrap">{r.customerNumber}</td>
              <td>{r.fullName}</td>
              {extra.length === 0 && <td>{r.city ?? '-'}</td>}
              <td className="nowrap">{day(r.lastSaleAt, zone)}</td>
              <td className="num">{count(r.saleDays)}</td>
              <td className="num">{rupiah(r.revenue)}</td>
              {extra.includes('profit') && <td className="num">{rupiah(r.costToServe ?? 0)}</td>}
              {extra.includes('profit') && <td className={`num ${(r.profit ?? 0) < 0 ? 'negative' : ''}`}>{rupiah(r.profit ?? 0)}</td>}
              {extra.includes('pAlive') && <td className="num">{r.pAlive === undefined ? '-' : percent(r.pAlive, 0)}</td>}
              {extra.includes('expected') && <td className="num">{r.expectedPurchases === undefined ? '-' : decimal(r.expectedPurchases)}</td>}
              {extra.includes('expected') && <td className="num">{r.expectedValue === undefined ? '-' : rupiah(r.expectedValue)}</td>}
              <td>{r.segment ? w.segment(r.segment) : <span className="muted">{t('reports.common.noPurchase')}</span>}</td>
              <td>{r.tier ? w.tier(r.tier) : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
