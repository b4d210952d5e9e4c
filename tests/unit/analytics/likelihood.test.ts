import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdLogLikelihood } from '../../../src/shared/analytics/bgnbd.js';
import { fitGammaGamma, gammaGammaLogLikelihood } from '../../../src/shared/analytics/gammaGamma.js';
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
