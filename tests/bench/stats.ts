/**
 * Measuring and reporting: percentiles over many timed calls, and the one
 * table every benchmark adds its rows to. A row compares a measurement with
 * a baseline taken in the same run on the same machine, never with a number
 * from somewhere else.
 */

export interface Row {
  benchmark: string;
  measured: number;
  unit: 'ms' | 'rows/s' | 's' | 'MB';
  /** Goal as a comparison: measured must be below (max) or above (min) it. */
  goal?: { max?: number; min?: number; text?: string };
  baseline?: { name: string; value: number };
  /** measured / baseline, or a ratio the goal is stated on (insert rate). */
  ratio?: number;
  /** Overrides the goal check (goals stated on the ratio). */
  pass?: boolean;
  note?: string;
}

export interface Percentiles {
  p50: number;
  p99: number;
  mean: number;
  max: number;
  count: number;
}

export function percentiles(samples: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: at(0.5), p99: at(0.99), mean: sum / sorted.length, max: sorted[sorted.length - 1], count: sorted.length };
}

/**
 * Times fn on every input, in milliseconds, over several rounds of the whole
 * list, and keeps each input's fastest round. Other processes on a shared
 * 2-core machine preempt single calls for milliseconds; the minimum over
 * rounds keeps what the call itself costs (a slow query stays slow in every
 * round) while the first round is kept for the noisy wall-clock view.
 */
export function timeRounds<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): { best: Float64Array; first: Float64Array } {
  const best = new Float64Array(inputs.length).fill(Infinity);
  const first = new Float64Array(inputs.length);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < inputs.length; i++) {
      const t = performance.now();
      fn(inputs[i]);
      const ms = performance.now() - t;
      if (r === 0) first[i] = ms;
      if (ms < best[i]) best[i] = ms;
    }
  }
  return { best, first };
}

export async function timeRoundsAsync<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>, rounds = 3): Promise<{ best: Float64Array; first: Float64Array }> {
  const best = new Float64Array(inputs.length).fill(Infinity);
  const first = new Float64Array(inputs.length);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < inputs.length; i++) {
      const t = performance.now();
      await fn(inputs[i]);
      const ms = performance.now() - t;
      if (r === 0) first[i] = ms;
      if (ms < best[i]) best[i] = ms;
    }
  }
  return { best, first };
}

export function passOf(row: Row): boolean | null {
  if (row.pass !== undefined) return row.pass;
  if (!row.goal || (row.goal.max === undefined && row.goal.min === undefined)) return null;
  if (row.goal.max !== undefined && !(row.measured < row.goal.max)) return false;
  if (row.goal.min !== undefined && !(row.measured >= row.goal.min)) return false;
  return true;
}

const fmt = (value: number, unit: Row['unit']) => {
  if (unit === 'rows/s') return `${Math.round(value).toLocaleString('en-US')} rows/s`;
  if (unit === 'MB') return `${Math.round(value)} MB`;
  if (unit === 's') return `${value.toFixed(1)} s`;
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
};

function goalText(row: Row): string {
  if (!row.goal) return '';
  if (row.goal.text) return row.goal.text;
  if (row.goal.max !== undefined) return `< ${fmt(row.goal.max, row.unit)}`;
  if (row.goal.min !== undefined) return `>= ${fmt(row.goal.min, row.unit)}`;
  return '';
}

export function renderTable(rows: Row[]): string {
  const header = ['benchmark', 'measured', 'goal', 'baseline (same run)', 'ratio', 'pass/fail'];
  const body = rows.map((r) => {
    const pass = passOf(r);
    return [
      r.benchmark,
      fmt(r.measured, r.unit),
      goalText(r),
      r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value, r.unit)}` : '',
      r.ratio === undefined ? '' : `${r.ratio.toFixed(r.ratio < 10 ? 2 : 0)}x`,
      pass === null ? 'info' : pass ? 'PASS' : 'FAIL',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
