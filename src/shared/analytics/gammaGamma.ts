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
  return compiledLogLikelihood(params, compileSpend(data));
}

/**
 * The summaries regrouped for repeated evaluation. Per customer, equation 4 is
 *   lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln v + (px-1) ln m + px ln x - (px+q) ln(xm+v):
 * every term but the last depends on the customer only through x, or is a
 * parameter times a data sum (Σ w·x·ln m, Σ w·ln m). So the gamma functions
 * run once per distinct x and each customer costs one logarithm per
 * evaluation, instead of three log-gammas and four logarithms: the fits of a
 * head office's branches evaluate this tens of thousands of times.
 */
interface CompiledSpend {
  /** Distinct x, ascending; customers of xs[g] are rows start[g]..start[g+1]-1. */
  xs: Float64Array;
  start: Int32Array;
  /** Per distinct x: Σ w, Σ w·ln m. */
  weight: Float64Array;
  logM: Float64Array;
  /** Per customer (grouped by x): x·m and w. */
  xm: Float64Array;
  w: Float64Array;
}

function compileSpend(data: SpendSummaries): CompiledSpend {
  const rows: number[] = [];
  for (let i = 0; i < data.x.length; i++) if (data.x[i] > 0 && data.m[i] > 0) rows.push(i);
  rows.sort((i, j) => data.x[i] - data.x[j] || i - j);
  const xs: number[] = [];
  const start: number[] = [];
  const weight: number[] = [];
  const logM: number[] = [];
  const xm = new Float64Array(rows.length);
  const w = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    const x = data.x[i];
    const wi = data.weight ? data.weight[i] : 1;
    if (xs.length === 0 || xs[xs.length - 1] !== x) {
      xs.push(x);
      start.push(k);
      weight.push(0);
      logM.push(0);
    }
    weight[weight.length - 1] += wi;
    logM[logM.length - 1] += wi * Math.log(data.m[i]);
    xm[k] = x * data.m[i];
    w[k] = wi;
  });
  start.push(rows.length);
  return { xs: Float64Array.from(xs), start: Int32Array.from(start), weight: Float64Array.from(weight), logM: Float64Array.from(logM), xm, w };
}

function compiledLogLikelihood(params: GammaGammaParams, c: CompiledSpend): number {
  const { p, q, v } = params;
  const perCustomer = -lnGamma(q) + q * Math.log(v);
  let total = 0;
  for (let g = 0; g < c.xs.length; g++) {
    const x = c.xs[g];
    const px = p * x;
    let tail = 0;
    for (let k = c.start[g]; k < c.start[g + 1]; k++) tail += c.w[k] * Math.log(c.xm[k] + v);
    total += c.weight[g] * (lnGamma(px + q) - lnGamma(px) + perCustomer + px * Math.log(x)) + (px - 1) * c.logM[g] - (px + q) * tail;
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
  const scaled = compileSpend({ x: data.x, m: Array.from(data.m, (m) => m / scale), weight: data.weight });
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const objective = (w: number[]) => -compiledLogLikelihood(toParams(w), scaled);
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
