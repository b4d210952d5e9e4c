import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdLogLikelihood } from '../../../src/shared/analytics/bgnbd.js';
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaScoring } from '../../../src/shared/analytics/gammaGamma.js';
import { lnBeta, lnGamma, logAddExp } from '../../../src/shared/analytics/special.js';
import { nelderMead } from '../../../src/shared/analytics/optimize.js';

/**
 * The likelihoods are evaluated in a regrouped form (terms of x alone once
 * per distinct x, data sums taken once). Checked here against the published
 * equations written out customer by customer, on random data: the regrouping
 * may reorder additions, nothing else.
 */

/** Fader, Hardie & Lee (2005), Marketing Science, equation 6, one customer at a time. */
function bgNbdDirect(p: { r: number; alpha: number; a: number; b: number }, x: number[], tx: number[], T: number[], w: number[]) {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const { r, alpha, a, b } = p;
    const A1 = lnGamma(r + x[i]) - lnGamma(r) + r * Math.log(alpha);
    const alive = A1 + lnBeta(a, b + x[i]) - lnBeta(a, b) - (r + x[i]) * Math.log(alpha + T[i]);
    const dead = x[i] > 0 ? A1 + lnBeta(a + 1, b + x[i] - 1) - lnBeta(a, b) - (r + x[i]) * Math.log(alpha + tx[i]) : -Infinity;
    total += w[i] * logAddExp(alive, dead);
  }
  return total;
}

/** Fader & Hardie (2013), equation 4, one customer at a time. */
function gammaGammaDirect(g: { p: number; q: number; v: number }, x: number[], m: number[], w: number[]) {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && m[i] > 0)) continue;
    const { p, q, v } = g;
    const px = p * x[i];
    total += w[i] * (lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m[i]) + px * Math.log(x[i]) - (px + q) * Math.log(x[i] * m[i] + v));
  }
  return total;
}

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('regrouped likelihoods equal the published equations', () => {
  it('BG/NBD', () => {
    const customer = fc.tuple(fc.integer({ min: 0, max: 30 }), positive(0, 50), positive(0, 60), fc.integer({ min: 1, max: 5 })).map(([x, a, b, w]) => {
      const T = Math.max(a, b) + 0.01;
      return { x, tx: x === 0 ? 0 : Math.min(a, b), T, w };
    });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), positive(0.05, 5), positive(0.5, 80), positive(0.05, 5), positive(0.05, 20), (rows, r, alpha, a, b) => {
        const x = rows.map((c) => c.x), tx = rows.map((c) => c.tx), T = rows.map((c) => c.T), w = rows.map((c) => c.w);
        const direct = bgNbdDirect({ r, alpha, a, b }, x, tx, T, w);
        expect(bgNbdLogLikelihood({ r, alpha, a, b }, { x, tx, T, weight: w })).toBeCloseTo(direct, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('Gamma-Gamma, customers without a repeat or with no spend left out', () => {
    const customer = fc.tuple(fc.integer({ min: 0, max: 12 }), positive(0, 500), fc.integer({ min: 1, max: 4 }));
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), positive(0.1, 20), positive(1.1, 20), positive(0.1, 100), (rows, p, q, v) => {
        const x = rows.map((c) => c[0]), m = rows.map((c) => c[1]), w = rows.map((c) => c[2]);
        expect(gammaGammaLogLikelihood({ p, q, v }, { x, m, weight: w })).toBeCloseTo(gammaGammaDirect({ p, q, v }, x, m, w), 6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a likelihood that rises along a ridge to infinity', () => {
  it('stops the simplex once the value stops improving, flagged stalled and not converged', () => {
    // f falls toward 0 as x0 grows without bound: no minimum to converge to.
    const ridge = nelderMead((v) => Math.exp(-v[0]) + (v[1] - 1) ** 2, [0, 0], { step: 0.5 });
    expect(ridge.stalled).toBe(true);
    expect(ridge.converged).toBe(false);
    expect(ridge.value).toBeLessThan(1e-8);
    expect(ridge.evaluations).toBeLessThan(2000);
    // A proper minimum still converges, unstalled.
    const bowl = nelderMead((v) => (v[0] - 2) ** 2 + (v[1] + 1) ** 2, [0, 0]);
    expect({ converged: bowl.converged, stalled: bowl.stalled }).toEqual({ converged: true, stalled: false });
    expect(bowl.x[0]).toBeCloseTo(2, 6);
  });

  it('Gamma-Gamma still fits spend with a finite maximum (every customer the same shape)', () => {
    const fit = fitGammaGamma({ x: [1, 2, 3, 4, 5, 2, 3, 1, 6, 2], m: [30, 45, 20, 38, 41, 25, 60, 15, 33, 29] });
    expect(fit.evaluations).toBeLessThan(5000);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

/**
 * Spend with no spread, or too little to resolve: a bench's pushes left
 * thousands of repeat buyers whose purchases all had one amount, and the
 * head office's 12-month prediction failed with a float overflow (p fitted
 * in the millions, the scoring's (v + xm)p overflowing).
 */
describe('Gamma-Gamma on degenerate spend', () => {
  /** Repeat buyers with x repeats each; each purchase `level` times (1 +- spread), a customer's level spread as much. */
  function spend(n: number, spread: number, seed: number) {
    let s = seed;
    const uniform = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const x: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < n; i++) {
      const xi = 1 + (i % 4);
      const level = 100_000 * (1 + spread * 1.73 * uniform());
      let total = 0;
      for (let j = 0; j < xi; j++) total += Math.round(level * (1 + spread * 1.73 * uniform()));
      x.push(xi);
      m.push(total / xi);
    }
    return { x, m };
  }

  it('every repeat buyer spending the same amount: the likelihood rises without bound, and the fit reports it cannot fit', () => {
    const data = { x: [...Array(4000).fill(1), ...Array(400).fill(2), ...Array(100).fill(3)], m: Array(4500).fill(100_000) };
    // No maximum: out along p, q -> infinity (the population mean pv/(q-1) fixed) the likelihood keeps improving.
    const along = [1, 1e2, 1e4, 1e6].map((k) => gammaGammaLogLikelihood({ p: 2 * k, q: 1 + 3 * k, v: 150_000 }, data));
    for (let i = 1; i < along.length; i++) expect(along[i]).toBeGreaterThan(along[i - 1] + 1000);
    // Equation 5 as written overflows with parameters that large, though the value does not.
    const huge = { p: 1e300, q: 5e299, v: 1e9 };
    expect(Number.isFinite(((huge.v + 2 * 100_000) * huge.p) / (huge.p * 2 + huge.q - 1))).toBe(false);
    // (1e9 + 2e5) * 1e300 / (2e300 + 5e299), weighted as gammaGammaScoring does.
    expect(expectedAverageValue(huge, 2, 100_000)).toBeCloseTo(400_080_000, 0);
    const fit = fitGammaGamma(data);
    expect({ converged: fit.converged, unidentified: fit.unidentified, evaluations: fit.evaluations }).toEqual({ converged: false, unidentified: 'no spread', evaluations: 0 });
    // Weighted too (the head office's groups), and when spread is below rounding.
    expect(fitGammaGamma({ x: [1, 2, 3], m: [100_000, 100_000 * (1 + Number.EPSILON), 100_000], weight: [10, 5, 1] }).unidentified).toBe('no spread');
  });

  it('spread too small for p and q to be told from infinity: a fit run to the edge, not converged', () => {
    // Every customer's purchases the same, customers differing by 1e-5: what spread there is lies between customers, so p runs out alone.
    const data = { x: [1, 2, 3, 1, 4, 2, 1, 5, 3, 2], m: [100_000, 100_001, 99_999, 100_002, 100_000, 99_998, 100_001, 100_000, 99_999, 100_003] };
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(false);
    expect(fit.unidentified).toBe('unbounded');
  });

  it('a near-degenerate spend (1% spread within and between customers) still fits, with large finite p and q', () => {
    const data = spend(40, 0.01, 3 * 7919);
    const fit = fitGammaGamma(data);
    expect({ converged: fit.converged, unidentified: fit.unidentified }).toEqual({ converged: true, unidentified: null });
    // 1% spread: p and q in the thousands (a coefficient of variation about 1/sqrt(p) per purchase, 1/sqrt(q) between customers).
    expect(fit.params.p).toBeGreaterThan(1000);
    expect(fit.params.p).toBeLessThan(1e6);
    expect(fit.params.q).toBeGreaterThan(1000);
    expect(fit.params.q).toBeLessThan(1e6);
    for (let i = 0; i < data.x.length; i++) {
      const e = expectedAverageValue(fit.params, data.x[i], data.m[i]);
      expect(e).toBeGreaterThan(95_000);
      expect(e).toBeLessThan(105_000);
    }
  });

  it('scores huge but finite parameters without overflow, and CDNOW\'s as equation 5 does', () => {
    for (const params of [{ p: 1e300, q: 5e299, v: 1e9 }, { p: 8.1e17, q: 10048, v: 3.2e-9 }, { p: 1e6, q: 1e306, v: 1e305 }]) {
      const s = gammaGammaScoring(params)!;
      expect(Number.isFinite(s.mean) && Number.isFinite(s.k)).toBe(true);
      for (const [x, m] of [[0, 0], [1, 100_000], [30, 1e12]]) {
        const e = expectedAverageValue(params, x, m);
        expect(Number.isFinite(e)).toBe(true);
        // Between the population mean and the customer's own.
        if (x > 0) expect(e).toBeGreaterThanOrEqual(Math.min(s.mean, m) * (1 - 1e-12));
        if (x > 0) expect(e).toBeLessThanOrEqual(Math.max(s.mean, m) * (1 + 1e-12));
      }
    }
    for (const bad of [{ p: 1, q: 0.9, v: 1 }, { p: Infinity, q: 2, v: 1 }, { p: NaN, q: 2, v: 1 }, { p: 1e300, q: 1.5, v: 1e300 }]) expect(gammaGammaScoring(bad)).toBeNull();
    const cdnow = { p: 6.25, q: 3.74, v: 15.44 };
    for (const [x, m] of [[0, 0], [2, 22.35], [10, 100]]) {
      const equation5 = x > 0 ? ((cdnow.v + x * m) * cdnow.p) / (cdnow.p * x + cdnow.q - 1) : (cdnow.p * cdnow.v) / (cdnow.q - 1);
      expect(expectedAverageValue(cdnow, x, m)).toBeCloseTo(equation5, 12);
    }
  });
});
