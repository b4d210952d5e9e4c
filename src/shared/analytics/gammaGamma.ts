import { lnGamma } from './special.js';
import { nelderMead } from './optimize.js';

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using iso-value curves", JMR 42(4); Fader & Hardie 2013,
 * "The Gamma-Gamma model of monetary value"). A customer's transaction
 * values are Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with at least
 * one repeat purchase: x = repeat purchases, m = their mean value.
 */

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface SpendSummaries {
  x: ArrayLike<number>;
  m: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/** Log-likelihood of the mean spend m over x transactions (Fader & Hardie 2013, equation 4). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendSummaries): number {
  const { p, q, v } = params;
  let total = 0;
  const lnGq = lnGamma(q);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const m = data.m[i];
    if (!(x > 0 && m > 0)) continue;
    const ll =
      lnGamma(p * x + q) - lnGamma(p * x) - lnGq + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
    total += (data.weight ? data.weight[i] : 1) * ll;
  }
  return total;
}

/**
 * Maximum likelihood. The spend is fitted in units of its mean and v scaled
 * back (the model is scale-equivariant: m -> m/c leaves p and q and divides
 * v by c): from the start v = 1 the simplex finds dollars (CDNOW) but not
 * Rupiah amounts in the millions, where it stops, "converged", at p in the
 * millions. `start` is in the data's own unit.
 */
export function fitGammaGamma(data: SpendSummaries, start: GammaGammaParams = { p: 1, q: 1, v: 1 }): GammaGammaFit {
  let customers = 0;
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    if (!(data.x[i] > 0 && data.m[i] > 0)) continue;
    const w = data.weight ? data.weight[i] : 1;
    customers += w;
    total += w * data.m[i];
  }
  if (customers === 0) throw new RangeError('fitGammaGamma: no customer with a repeat purchase');
  const scale = total / customers;
  const scaled: SpendSummaries = { x: data.x, m: Array.from(data.m, (m) => m / scale), weight: data.weight };
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const objective = (w: number[]) => -gammaGammaLogLikelihood(toParams(w), scaled);
  const startV = start.v === 1 ? 1 : start.v / scale;
  const first = nelderMead(objective, [start.p, start.q, startV].map(Math.log), { step: 0.7 });
  const result = nelderMead(objective, first.x, { step: 0.1 });
  const fitted = toParams(result.x);
  const params = { ...fitted, v: fitted.v * scale };
  return { params, logLikelihood: gammaGammaLogLikelihood(params, data), customers, evaluations: first.evaluations + result.evaluations, converged: result.converged };
}

/**
 * E[M | x, m]: the expected value of this customer's future transactions, a
 * weighted mean of the population mean pγ/(q-1) and the customer's own mean
 * (Fader & Hardie 2013, equation 5). With x = 0 it is the population mean.
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  if (q <= 1) return NaN;
  if (!(x > 0)) return (p * v) / (q - 1);
  return ((v + x * m) * p) / (p * x + q - 1);
}
