import { hyp2f1, lnBeta, lnGamma, logAddExp } from './special.js';
import { nelderMead } from './optimize.js';

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way", Marketing Science 24(2)): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop
 * out with probability p ~ Beta(a, b). Each customer is summarised by
 * x (repeat purchases), t_x (time of the last purchase, counted from the
 * first) and T (time from the first purchase to the end of observation),
 * all in the same unit (weeks here). Fitted by maximum likelihood.
 */

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Per-customer summaries; `weight` counts identical customers (a compressed data set). */
export interface RepeatSummaries {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
  evaluations: number;
  converged: boolean;
}

/** Sum of the log-likelihood over all customers (FHL 2005, equation 6). */
export function bgNbdLogLikelihood(p: BgNbdParams, data: RepeatSummaries): number {
  return compiledLogLikelihood(p, compileSummaries(data));
}

/**
 * The summaries grouped by x for repeated evaluation: the beta and gamma
 * terms of equation 6 depend on a customer only through x, so they run once
 * per distinct x; each customer then costs two logarithms and a log1p(exp).
 */
interface CompiledSummaries {
  /** Distinct x, ascending; customers of xs[g] are rows start[g]..start[g+1]-1. */
  xs: Float64Array;
  start: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
}

function compileSummaries(data: RepeatSummaries): CompiledSummaries {
  const n = data.x.length;
  const rows = Array.from({ length: n }, (_, i) => i).sort((i, j) => data.x[i] - data.x[j] || i - j);
  const xs: number[] = [];
  const start: number[] = [];
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const w = new Float64Array(n);
  rows.forEach((i, k) => {
    if (xs.length === 0 || xs[xs.length - 1] !== data.x[i]) {
      xs.push(data.x[i]);
      start.push(k);
    }
    tx[k] = data.tx[i];
    T[k] = data.T[i];
    w[k] = data.weight ? data.weight[i] : 1;
  });
  start.push(n);
  return { xs: Float64Array.from(xs), start: Int32Array.from(start), tx, T, w };
}

function compiledLogLikelihood(p: BgNbdParams, c: CompiledSummaries): number {
  const { r, alpha, a, b } = p;
  const base = lnBeta(a, b);
  const rLogAlpha = r * Math.log(alpha) - lnGamma(r);
  let total = 0;
  for (let g = 0; g < c.xs.length; g++) {
    const x = c.xs[g];
    const common = lnGamma(r + x) + rLogAlpha;
    // ln[B(a, b+x)/B(a,b)] and, for x > 0, ln[B(a+1, b+x-1)/B(a,b)]
    const stay = common + lnBeta(a, b + x) - base;
    const end = c.start[g + 1];
    if (x > 0) {
      const dropout = common + lnBeta(a + 1, b + x - 1) - base;
      for (let k = c.start[g]; k < end; k++) {
        total += c.w[k] * logAddExp(stay - (r + x) * Math.log(alpha + c.T[k]), dropout - (r + x) * Math.log(alpha + c.tx[k]));
      }
    } else {
      for (let k = c.start[g]; k < end; k++) total += c.w[k] * (stay - r * Math.log(alpha + c.T[k]));
    }
  }
  return total;
}

export function fitBgNbd(data: RepeatSummaries, start: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 }): BgNbdFit {
  const customers = data.weight ? Array.from(data.weight).reduce((s, w) => s + w, 0) : data.x.length;
  if (customers === 0) throw new RangeError('fitBgNbd: no customers');
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  const compiled = compileSummaries(data);
  const objective = (v: number[]) => -compiledLogLikelihood(toParams(v), compiled);
  const first = nelderMead(objective, [start.r, start.alpha, start.a, start.b].map(Math.log), { step: 0.7 });
  // A restart from the optimum guards against a simplex that collapsed early.
  const result = nelderMead(objective, first.x, { step: 0.1 });
  return {
    params: toParams(result.x),
    logLikelihood: -result.value,
    customers,
    evaluations: first.evaluations + result.evaluations,
    converged: result.converged,
  };
}

/** P(alive | x, t_x, T) (FHL 2005, equation 11; "Computing P(alive) using the BG/NBD model", Fader, Hardie & Lee 2008). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const odds = (p.a / (p.b + x - 1)) * Math.exp((p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx)));
  return 1 / (1 + odds);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t time units (FHL 2005, equation 10). */
export function expectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return numerator / denominator;
}

/** E[X(t)]: expected purchases of a new customer in t time units after the first (FHL 2005, equation 9). */
export function expectedPurchasesNewCustomer(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}
