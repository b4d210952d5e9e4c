/**
 * Nelder-Mead simplex minimisation (Lagarias et al. 1998 coefficients).
 * The models here have 3-4 parameters, fitted on log scale so every
 * parameter stays positive; the simplex needs no gradients, which keeps
 * the likelihoods simple and exactly as published.
 */

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /**
   * The best value stopped improving (by more than the tolerance over
   * `stallIterations`) while the simplex still spread: a likelihood that
   * rises toward a limit along a ridge to infinity (a BG/NBD on data with
   * no dropout sends b there, a Gamma-Gamma on spend without per-customer
   * heterogeneity sends p there). The point is as good as the supremum to
   * the tolerance, but its parameters are not identified: not `converged`.
   */
  stalled: boolean;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; tolerance?: number; maxIterations?: number; stallIterations?: number } = {},
): MinimizeResult {
  const n = start.length;
  const step = options.step ?? 0.5;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 5000;
  const stallIterations = options.stallIterations ?? 100 * n;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(evaluate);
  let iterations = 0;
  let converged = false;
  let stalled = false;
  // The best value at each iteration, for the stall test.
  const bestAt: number[] = [];
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.map((v, k) => Math.abs(v - simplex[0][k])))));
    if (spread <= tolerance * (Math.abs(values[0]) + 1e-12) && size < 1e-7) {
      converged = true;
      break;
    }
    bestAt.push(values[0]);
    if (iterations >= stallIterations && bestAt[iterations - stallIterations] - values[0] <= tolerance * (Math.abs(values[0]) + 1e-12)) {
      stalled = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    const toward = (t: number) => centroid.map((c, k) => c + t * (simplex[n][k] - c));
    const reflected = toward(-1);
    const fr = evaluate(reflected);
    if (fr < values[0]) {
      const expanded = toward(-2);
      const fe = evaluate(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < values[n];
      const contracted = toward(outside ? -0.5 : 0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, k) => simplex[0][k] + 0.5 * (v - simplex[0][k]));
          values[i] = evaluate(simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], iterations, evaluations, converged, stalled };
}
