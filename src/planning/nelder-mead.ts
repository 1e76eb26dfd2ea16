// Nelder–Mead simplex minimisation: no derivatives needed, robust for the two-parameter likelihoods
// of stay-length fits. Standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½).

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
}

export function minimise(f: (x: number[]) => number, start: number[], options: { step?: number; tolerance?: number; maxIterations?: number } = {}): Minimum {
  const n = start.length;
  const step = options.step ?? 0.5;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 5000;
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, value: safe(x) }));
  const along = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j]! - v));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j]!, 0) / n);
    const reflected = along(centroid, worst.x, -1);
    const r = safe(reflected);
    if (r < best.value) {
      const expanded = along(centroid, worst.x, -2);
      const e = safe(expanded);
      simplex[n] = e < r ? { x: expanded, value: e } : { x: reflected, value: r };
    } else if (r < simplex[n - 1]!.value) {
      simplex[n] = { x: reflected, value: r };
    } else {
      const contracted = r < worst.value ? along(centroid, reflected, 0.5) : along(centroid, worst.x, 0.5);
      const c = safe(contracted);
      if (c < Math.min(r, worst.value)) simplex[n] = { x: contracted, value: c };
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: along(best.x, p.x, 0.5), value: safe(along(best.x, p.x, 0.5)) }));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { x: simplex[0]!.x, value: simplex[0]!.value, iterations };
}
