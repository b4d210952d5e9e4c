import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** Shown in the table beside the chart (e.g. revenue next to a count). */
  extra?: string;
  share?: string;
}

const ACCENT = '#0f766e';
const MUTED = '#9fb7b4';

/**
 * A bar chart with the same numbers as a table beneath it (A8: charts and
 * tables). Clicking a bar or a row drills down to its customers when
 * `onSelect` is given. SVG (Recharts), so it prints sharply.
 */
export function BarChartCard({
  data,
  format,
  valueLabel,
  extraLabel,
  onSelect,
  layout,
  height = 220,
  testId,
}: {
  data: BarDatum[];
  format: (v: number) => string;
  valueLabel: string;
  extraLabel?: string;
  onSelect?: (datum: BarDatum) => void;
  /** Default: horizontal bars when labels are long (they get a column of their own). */
  layout?: 'vertical-bars' | 'horizontal-bars';
  height?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const horizontal = (layout ?? (data.some((d) => d.label.length > 10) ? 'horizontal-bars' : 'vertical-bars')) === 'horizontal-bars';
  const whole = data.every((d) => Number.isInteger(d.value));
  return (
    <div className="bar-chart" data-testid={testId}>
      <div className="bar-chart__plot" style={{ height: horizontal ? Math.max(height, data.length * 30 + 30) : height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 4, left: horizontal ? 8 : 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8e8" horizontal={!horizontal} vertical={horizontal} />
            {horizontal ? (
              <>
                <XAxis type="number" tickFormatter={format} fontSize={12} allowDecimals={!whole} />
                <YAxis type="category" dataKey="label" width={150} fontSize={12} interval={0} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" fontSize={12} interval={0} />
                <YAxis tickFormatter={format} fontSize={12} width={72} allowDecimals={!whole} />
              </>
            )}
            <Tooltip formatter={(v) => [format(Number(v)), valueLabel]} cursor={{ fill: 'rgba(15, 118, 110, 0.08)' }} isAnimationActive={false} />
            <Bar dataKey="value" isAnimationActive={false} cursor={onSelect ? 'pointer' : undefined} onClick={(_, index) => onSelect?.(data[index])}>
              {data.map((d) => (
                <Cell key={d.key} fill={d.value > 0 ? ACCENT : MUTED} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="report-table report-table--compact">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" className="num">{valueLabel}</th>
            {data.some((d) => d.share) && <th scope="col" className="num">{t('reports.common.share')}</th>}
            {extraLabel && <th scope="col" className="num">{extraLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="link-button" onClick={() => onSelect(d)} title={t('reports.common.drillHint')}>
                    {d.label}
                  </button>
                ) : (
                  d.label
                )}
              </th>
              <td className="num">{format(d.value)}</td>
              {data.some((x) => x.share) && <td className="num">{d.share ?? ''}</td>}
              {extraLabel && <td className="num">{d.extra ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
