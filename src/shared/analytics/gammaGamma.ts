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
  /**
   * The simplex converged to a maximum the data identify: false when it
   * stalled or did not converge, and when the fit is `unidentified`. Only a
   * converged fit (with q > 1) should score: the callers fall back to each
   * buyer's own mean sale without one.
   */
  converged: boolean;
  /**
   * Why the data cannot fit Gamma-Gamma, or null: 'no spread' (every repeat
   * buyer's mean spend the same: the likelihood has no maximum), 'unbounded'
   * (the fit ran out toward an edge, p, q or both to infinity: the
   * likelihood still rises there, or no longer changes beyond its rounding).
   */
  unidentified: 'no spread' | 'unbounded' | null;
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

function compiledLogLikelihood(params: GammaGammaParams, c: CompiledSpend, magnitude?: { sum: number }): number {
  const { p, q, v } = params;
  const perCustomer = -lnGamma(q) + q * Math.log(v);
  let total = 0;
  let size = 0;
  for (let g = 0; g < c.xs.length; g++) {
    const x = c.xs[g];
    const px = p * x;
    let tail = 0;
    for (let k = c.start[g]; k < c.start[g + 1]; k++) tail += c.w[k] * Math.log(c.xm[k] + v);
    total += c.weight[g] * (lnGamma(px + q) - lnGamma(px) + perCustomer + px * Math.log(x)) + (px - 1) * c.logM[g] - (px + q) * tail;
    if (magnitude) {
      size += c.weight[g] * (Math.abs(lnGamma(px + q)) + Math.abs(lnGamma(px)) + Math.abs(lnGamma(q)) + Math.abs(q * Math.log(v)) + Math.abs(px * Math.log(x)));
      size += Math.abs((px - 1) * c.logM[g]) + Math.abs((px + q) * tail);
    }
  }
  if (magnitude) magnitude.sum = size;
  return total;
}

/** Relative accuracy of lnGamma (Lanczos g = 7, n = 9: about 15 significant digits), ten times for the sums. */
const LIKELIHOOD_RELATIVE_ERROR = 1e-14;
/** How far out (λ) along the rays to the edges of the parameter space a fit is checked to be a maximum. */
const RAY_STEP = 10;

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
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < data.x.length; i++) {
    if (!(data.x[i] > 0 && data.m[i] > 0)) continue;
    const w = data.weight ? data.weight[i] : 1;
    customers += w;
    total += w * data.m[i];
    low = Math.min(low, data.m[i]);
    high = Math.max(high, data.m[i]);
  }
  if (customers === 0) throw new RangeError('fitGammaGamma: no customer with a repeat purchase');
  const scale = total / customers;
  // No spread (every mean the same, to a few units in the last place): the
  // density of the means can pile up on that one value as p and q grow
  // together (the spend of every transaction and of every customer alike),
  // so the likelihood rises without bound and has no maximum to fit. The
  // simplex would run p, q and v out toward the largest doubles (p in the
  // millions to 1e17 in tests, "converged" where lnGamma's rounding flattens
  // the value) and the scoring would overflow. Not fitted at all.
  if (high - low <= 4 * Number.EPSILON * high) {
    return { params: { p: NaN, q: NaN, v: NaN }, logLikelihood: NaN, customers, evaluations: 0, converged: false, unidentified: 'no spread' };
  }
  const scaled = compileSpend({ x: data.x, m: Array.from(data.m, (m) => m / scale), weight: data.weight });
  const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]), q: Math.exp(w[1]), v: Math.exp(w[2]) });
  const objective = (w: number[]) => -compiledLogLikelihood(toParams(w), scaled);
  const startV = start.v === 1 ? 1 : start.v / scale;
  const first = nelderMead(objective, [start.p, start.q, startV].map(Math.log), { step: 0.7 });
  const result = nelderMead(objective, first.x, { step: 0.1 });
  const fitted = toParams(result.x);
  const params = { ...fitted, v: fitted.v * scale };
  const evaluations = first.evaluations + result.evaluations;
  const logLikelihood = gammaGammaLogLikelihood(params, data);
  // Some spread, but too little for the data to tell the parameters apart
  // from infinity. The edges of the parameter space where the likelihood can
  // keep rising are p -> ∞ (no spread within a customer), q -> ∞ (none
  // between customers) and both together (none at all); each is approached
  // along a ray that keeps the population mean pv/(q-1) fixed: p -> λp with
  // v -> v/λ, q - 1 -> λ(q - 1) with v -> λv, and p -> λp with q - 1 ->
  // λ(q - 1). A maximum the data identify is lower a factor λ out along every
  // one of them, by more than the likelihood's own rounding; if not, the fit
  // ran to the edge (the simplex may even call it converged where lnGamma of
  // huge arguments no longer resolves the differences) and its parameters
  // are not estimates. This is a test of the likelihood, not a cap on the
  // parameters: CDNOW's fit falls by tens to hundreds out there.
  const magnitude = { sum: 0 };
  const here = compiledLogLikelihood(fitted, scaled, magnitude);
  const noise = LIKELIHOOD_RELATIVE_ERROR * magnitude.sum;
  const { p, q, v } = fitted;
  const rays: GammaGammaParams[] = [
    { p: p * RAY_STEP, q, v: v / RAY_STEP },
    { p, q: 1 + (q - 1) * RAY_STEP, v: v * RAY_STEP },
    { p: p * RAY_STEP, q: 1 + (q - 1) * RAY_STEP, v },
  ];
  // (With q <= 1 the population mean is infinite: no caller scores such a fit, and the ray is not defined.)
  const bounded = !(q > 1) || (Number.isFinite(here) && Number.isFinite(logLikelihood) && rays.every((ray) => !(compiledLogLikelihood(ray, scaled) >= here - noise)));
  if (!bounded || (fitted.q > 1 && gammaGammaScoring(params) === null)) return { params, logLikelihood, customers, evaluations, converged: false, unidentified: 'unbounded' };
  return { params, logLikelihood, customers, evaluations, converged: result.converged, unidentified: null };
}

/**
 * The expected value per future purchase in the form that cannot overflow:
 * the population mean pv/(q-1) and k = (q-1)/p, the weight of that mean in
 * transactions, so that E[M | x, m] = mean + (m - mean) * x / (x + k), a
 * weighted mean of the population's and the customer's own mean spend,
 * always between the two. Equation 5's (v + xm)p / (px + q - 1) multiplies
 * first and overflows (float8 overflow in PostgreSQL, Infinity or NaN in
 * JavaScript and SQLite) once p or v is huge, though the value is not. Null
 * when the parameters cannot score at all: not finite and positive, q <= 1
 * (an infinite population mean), or the mean itself beyond a double.
 */
export function gammaGammaScoring(params: GammaGammaParams | null | undefined): { mean: number; k: number } | null {
  if (!params) return null;
  const { p, q, v } = params;
  if (![p, q, v].every((n) => Number.isFinite(n) && n > 0) || !(q > 1)) return null;
  let mean = (p * v) / (q - 1);
  if (!Number.isFinite(mean) || !(mean > 0)) mean = Math.exp(Math.log(p) + Math.log(v) - Math.log(q - 1));
  const k = (q - 1) / p;
  if (!Number.isFinite(mean) || !(mean > 0) || !Number.isFinite(k)) return null;
  return { mean, k };
}

/**
 * E[M | x, m]: the expected value of this customer's future transactions, a
 * weighted mean of the population mean pγ/(q-1) and the customer's own mean
 * (Fader & Hardie 2013, equation 5), computed as gammaGammaScoring explains.
 * With x = 0 it is the population mean; NaN for parameters that cannot score.
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, m: number): number {
  const s = gammaGammaScoring(params);
  if (!s) return NaN;
  if (!(x > 0)) return s.mean;
  return s.mean + ((m - s.mean) * x) / (x + s.k);
}
