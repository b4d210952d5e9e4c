import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/api/contract.js';
import type { BranchTimeZone } from '../../../shared/domain/dates.js';
import { currentLocale } from '../../i18n/index.js';
import { Figure, ReportCard } from '../ReportBits.js';
import { count, decimal, instant, percent, rupiah, rupiahShort } from '../format.js';

type Report = OutputOf<'reports.prediction'>;
type Run = NonNullable<Report['run']>;

/**
 * What the fitted model says, in words an analyst reads: when it was fitted
 * and on how many buyers, how often an active customer buys, how likely one
 * is to stop after a purchase, and what a purchase is worth. BG/NBD's mean
 * purchase rate is r/alpha per week and its mean drop-out chance a/(a+b);
 * Gamma-Gamma's mean spend is p*v/(q-1). The raw parameters stay one click
 * away, under "Detail model".
 */
export function PredictionModelCard({ run, expected, horizonWeeks, zone }: { run: Run; expected: Report['expected']; horizonWeeks: number; zone: BranchTimeZone }) {
  const { t } = useTranslation();
  const { r, alpha, a, b } = run.params;
  const gg = run.gammaGamma;
  const sampled = run.fittedOn < run.customers;
  const fitted = sampled
    ? t('reports.prediction.fittedSample', { time: instant(run.createdAt, zone), fitted: count(run.fittedOn), customers: count(run.customers) })
    : t('reports.prediction.fittedAll', { time: instant(run.createdAt, zone), customers: count(run.customers) });
  return (
    <ReportCard title={t('reports.prediction.model')} note={fitted} wide testId="prediction-model">
      <p className="prediction-explain">{t('reports.prediction.explain')}</p>
      <div className="figures">
        <Figure label={t('reports.prediction.buyers')} value={count(run.fittedOn)} sub={sampled ? t('reports.prediction.buyersSample', { customers: count(run.customers) }) : t('reports.prediction.buyersAll')} testId="prediction-buyers" />
        <Figure label={t('reports.prediction.rate')} value={decimal((r / alpha) * 52, 1)} sub={t('reports.prediction.rateSub')} testId="prediction-rate" />
        <Figure label={t('reports.prediction.dropout')} value={share(a / (a + b))} sub={t('reports.prediction.dropoutSub')} testId="prediction-dropout" />
        <Figure
          label={t('reports.prediction.spend')}
          value={gg && gg.q > 1 ? rupiah((gg.p * gg.v) / (gg.q - 1)) : '-'}
          sub={gg ? t('reports.prediction.spendSub', { repeat: count(run.repeatCustomers) }) : t('reports.prediction.spendNone')}
          testId="prediction-spend"
        />
        {expected && (
          <Figure
            label={t('reports.prediction.expected', { count: horizonWeeks })}
            value={decimal(expected.purchases, 0)}
            sub={t('reports.prediction.expectedValue', { value: rupiahShort(expected.value) })}
            testId="prediction-expected"
          />
        )}
      </div>
      <details className="prediction-detail" data-testid="prediction-detail">
        <summary>{t('reports.prediction.detail')}</summary>
        <p className="muted prediction-detail__note">{t('reports.prediction.detailNote')}</p>
        <dl className="prediction-detail__list">
          <Param label="BG/NBD r" value={significant(r)} />
          <Param label="BG/NBD α (alpha)" value={significant(alpha)} />
          <Param label="BG/NBD a" value={significant(a)} />
          <Param label="BG/NBD b" value={significant(b)} />
          <Param label={t('reports.prediction.logLikelihood')} value={decimal(run.logLikelihood, 1)} />
          <Param label="Gamma-Gamma p" value={gg ? significant(gg.p) : '-'} />
          <Param label="Gamma-Gamma q" value={gg ? significant(gg.q) : '-'} />
          <Param label="Gamma-Gamma γ (v)" value={gg ? rupiah(gg.v) : '-'} />
          <Param label={t('reports.prediction.repeatBuyers')} value={count(run.repeatCustomers)} />
          <Param label={t('reports.prediction.fitTime')} value={t('reports.prediction.ms', { ms: count(run.ms) })} />
        </dl>
      </details>
    </ReportCard>
  );
}

/** A share as 12,5%, and a share too small to round to one as "< 0,1%" rather than a flat 0%. */
function share(v: number): string {
  return v > 0 && v < 0.0005 ? `< ${percent(0.001, 1)}` : percent(v, 1);
}

/** Raw parameters span 1e-6 to 1e5: four significant digits say each of them. */
function significant(v: number): string {
  return new Intl.NumberFormat(currentLocale() === 'id' ? 'id-ID' : 'en-GB', { maximumSignificantDigits: 4 }).format(v);
}

function Param({ label, value }: { label: ReactNode; value: string }) {
  return (
    <div className="prediction-detail__item">
      <dt>{label}</dt>
      <dd className="tabular">{value}</dd>
    </div>
  );
}
