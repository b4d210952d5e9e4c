import { readFileSync } from 'node:fs';
import { fitBgNbd } from '../../src/shared/analytics/bgnbd.js';
import { fitGammaGamma } from '../../src/shared/analytics/gammaGamma.js';
import type { Row } from './stats.js';
import { CDNOW_SAMPLE } from '../support/datasets.js';

/**
 * The model fit on the real CDNOW 1/10 sample (2,357 customers, 39-week
 * calibration): time, and the parameters against the published ones
 * (Fader, Hardie & Lee 2005; Fader & Hardie 2013). The same data
 * preparation as tests/unit/analytics/cdnow.test.ts.
 */
export function cdnowBenchmark(): Row[] {
  const file = CDNOW_SAMPLE();
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
  const end = day('19970930');
  const byCustomer = new Map<string, Map<number, number>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const c = line.trim().split(/\s+/);
    if (c.length < 5) continue;
    const days = byCustomer.get(c[1]) ?? new Map<number, number>();
    days.set(day(c[2]), (days.get(day(c[2])) ?? 0) + Number(c[4]));
    byCustomer.set(c[1], days);
  }
  const x: number[] = [], tx: number[] = [], T: number[] = [], m: number[] = [];
  for (const days of byCustomer.values()) {
    const cal = [...days].filter(([d]) => d <= end).sort((a, b) => a[0] - b[0]);
    if (!cal.length) continue;
    x.push(cal.length - 1);
    tx.push((cal[cal.length - 1][0] - cal[0][0]) / 7);
    T.push((end - cal[0][0]) / 7);
    m.push(cal.length > 1 ? cal.slice(1).reduce((s, [, v]) => s + v, 0) / (cal.length - 1) : 0);
  }
  let started = performance.now();
  const bg = fitBgNbd({ x, tx, T });
  const bgMs = performance.now() - started;
  started = performance.now();
  const gg = fitGammaGamma({ x, m });
  const ggMs = performance.now() - started;
  const p = bg.params;
  return [
    { benchmark: 'CDNOW fit BG/NBD (2,357 customers)', measured: bgMs, unit: 'ms', note: `r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(3)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)} LL=${bg.logLikelihood.toFixed(1)}; published r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4` },
    { benchmark: 'CDNOW fit Gamma-Gamma (946 repeaters)', measured: ggMs, unit: 'ms', note: `p=${gg.params.p.toFixed(3)} q=${gg.params.q.toFixed(3)} v=${gg.params.v.toFixed(3)}; published p=6.25 q=3.74 v=15.44` },
  ];
}
