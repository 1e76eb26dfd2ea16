// Completed waits, kept exactly so medians and percentiles are exact rather than read off a
// histogram. Many admissions wait not at all, so zero waits are only counted and the positive ones
// stored in a growing typed array. Quantiles use selection (linear time), not a sort: a long M/M/c run
// holds a million waits and sorting them cost more than simulating them.

export class WaitSamples {
  private values = new Float64Array(256);
  /** All waits recorded, zero or not. */
  count = 0;
  sum = 0;
  /** Waits longer than zero (stored). */
  positive = 0;

  push(days: number): void {
    this.count++;
    if (days <= 0) return;
    this.sum += days;
    if (this.positive === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.positive++] = days;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  /** The positive waits recorded so far (a view, valid until the next push). */
  positives(): Float64Array {
    return this.values.subarray(0, this.positive);
  }

  /** The q-quantile (0..1) of all waits; reorders the stored values. */
  quantile(q: number): number | null {
    return quantileWithZeros(this.positives(), this.count - this.positive, q);
  }
}

/**
 * The q-quantile (0..1), interpolating between order statistics (type 7, as R and NumPy default), of
 * `zeros` zero values together with the positive values `xs`; null for no data. Reorders `xs`.
 */
export function quantileWithZeros(xs: Float64Array, zeros: number, q: number): number | null {
  const n = zeros + xs.length;
  if (n === 0) return null;
  const x = q * (n - 1);
  const k = Math.floor(x);
  if (k + 1 < zeros || (k < zeros && x === k)) return 0;
  const lower = k < zeros ? 0 : select(xs, k - zeros);
  if (k + 1 >= n || x === k) return lower;
  // The next order statistic: the smallest stored value if k was the last zero, otherwise (after
  // selection everything right of k is ≥ it) the smallest value to its right.
  let upper = Infinity;
  for (let i = k < zeros ? 0 : k - zeros + 1; i < xs.length; i++) if (xs[i]! < upper) upper = xs[i]!;
  return lower + (x - k) * (upper - lower);
}

/** Of `count` waits whose positive ones are `positives`, the share that lasted at most `days`; null for none. */
export function shareAtMost(positives: Float64Array, count: number, days: number): number | null {
  if (count === 0) return null;
  let within = count - positives.length;
  for (let i = 0; i < positives.length; i++) if (positives[i]! <= days) within++;
  return within / count;
}

/** The q-quantile of `xs` (see quantileWithZeros); reorders `xs`. */
export function quantileInPlace(xs: Float64Array, q: number): number | null {
  return quantileWithZeros(xs, 0, q);
}

/** Rearranges xs so xs[k] is the k-th smallest, smaller ones left of it, larger right (Hoare's selection). */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi > lo) {
    // Median of three as pivot keeps sorted and constant runs from going quadratic.
    const mid = (lo + hi) >> 1;
    const a = xs[lo]!;
    const b = xs[mid]!;
    const c = xs[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}
