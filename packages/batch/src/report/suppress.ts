// Small cells, as statistics offices treat them: a count of 1–4 citizens is not shown ("< 5"),
// and neither is any count from which such a cell could be worked out by subtraction from the
// totals that are shown (complementary suppression). Counts only; this file never sees a record.
//
// The rule (stated in every report, see text.ts):
// 1. Primary: a count from 1 to 4 is shown as "< 5". Zero is shown (it is no citizen).
// 2. Complementary: the counts of a report are tied by sums (a band's outcomes add up to the
//    band, the bands to all valid rows, a programme's outcomes to the valid rows, …). Wherever a
//    sum has exactly one hidden term — the total or one of its parts — or hidden terms whose
//    markers and the sum leave one of them a single possible value, the smallest other term of at
//    least 5 is withheld too ("x"), parts before the total; repeated until neither happens. A withheld count is never 0 or small, so its marker reveals no more than
//    "at least 5".
// This is the usual first pass of cell suppression (as in tau-Argus's hypercube heuristic, much
// simplified): it stops every single subtraction, and within each sum it also withholds more
// where the markers' ranges (1–4, at least 5) would pin a hidden count (6 = "< 5" + "x" is 1 + 5).
// It does not solve the whole system of sums for ranges across sums; the report shows no count
// that it hides in any other place.

/** How a count is shown: its value, "< 5" (primary), or withheld to protect a small cell ("x"). */
export type Visibility = 'shown' | 'small' | 'withheld';

/** The smallest count that is shown. */
export const MIN_CELL = 5;

/**
 * Decides how each count is shown. `sums`: each is `[total, ...parts]`, indexes into `values`, for
 * a total that equals the sum of its parts.
 */
export function suppress(values: readonly number[], sums: readonly (readonly number[])[], min = MIN_CELL): Visibility[] {
  const shown: Visibility[] = values.map((v) => (v > 0 && v < min ? 'small' : 'shown'));
  for (const sum of sums) {
    const total = values[sum[0]!]!;
    let parts = 0;
    for (let k = 1; k < sum.length; k++) parts += values[sum[k]!]!;
    if (parts !== total) throw new Error(`internal error: a report's sum does not add up (${total} ≠ ${parts})`);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      let hidden = 0;
      for (const i of sum) if (shown[i] !== 'shown') hidden++;
      if (hidden === 0 || (hidden > 1 && !pinned(sum, values, shown, min))) continue;
      // The smallest part of at least `min` that is shown, else the total.
      let pick = -1;
      for (let k = 1; k < sum.length; k++) {
        const i = sum[k]!;
        if (shown[i] === 'shown' && values[i]! >= min && (pick < 0 || values[i]! < values[pick]!)) pick = i;
      }
      if (pick < 0 && shown[sum[0]!] === 'shown' && values[sum[0]!]! >= min) pick = sum[0]!;
      // With one hidden term, another term of at least `min` always exists (see the tests); with
      // several whose values the sum pins (all of them 1), there may be none left: then so be it.
      if (pick < 0) {
        if (hidden === 1) throw new Error('internal error: no count to withhold beside a small one');
        continue;
      }
      shown[pick] = 'withheld';
      changed = true;
    }
  }
  return shown;
}

/**
 * Whether this sum pins a hidden term to one value, given what its markers say: "< 5" is 1–4,
 * "x" is 5 or more (a total of 6 shown as "< 5" + "x" is 1 + 5; two "< 5" that make 2 are 1 + 1).
 */
export function pinned(sum: readonly number[], values: readonly number[], shown: readonly Visibility[], min: number): boolean {
  // total − Σ parts = 0: the hidden terms' signed sum is known from the shown ones.
  const terms = sum.map((i, k) => ({ sign: k === 0 ? 1 : -1, i }));
  let known = 0;
  for (const t of terms) if (shown[t.i] === 'shown') known += t.sign * values[t.i]!;
  const hidden = terms.filter((t) => shown[t.i] !== 'shown');
  const bounds = (i: number): [number, number] => (shown[i] === 'small' ? [1, min - 1] : [min, Infinity]);
  // Σ sign·x over the hidden terms = −known.
  for (const t of hidden) {
    let lo = 0;
    let hi = 0;
    for (const o of hidden) {
      if (o === t) continue;
      const [a, b] = bounds(o.i);
      if (o.sign > 0) { lo += a; hi += b; } else { lo -= b; hi -= a; }
    }
    // sign·x = −known − (the others), within [−known − hi, −known − lo].
    let xlo = t.sign > 0 ? -known - hi : known + lo;
    let xhi = t.sign > 0 ? -known - lo : known + hi;
    const [a, b] = bounds(t.i);
    xlo = Math.max(xlo, a);
    xhi = Math.min(xhi, b);
    if (xlo === xhi) return true;
  }
  return false;
}

/** A count and how it is shown (plain data: a report's cells). */
export interface Count {
  value: number;
  shown: Visibility;
}

/**
 * Counts registered one by one, tied by sums, suppressed together: a report (or `visit diff`'s
 * transition matrices) adds its counts and sums, then reads each count's visibility.
 */
export class CountTable {
  private readonly values: number[] = [];
  private readonly sums: number[][] = [];
  private decided: Visibility[] | undefined;

  /** Adds a count; returns its index. */
  add(value: number): number {
    if (this.decided) throw new Error('internal error: a count added after suppression');
    this.values.push(value);
    return this.values.length - 1;
  }

  /** The count at `total` is the sum of the counts at `parts`. */
  sum(total: number, parts: readonly number[]): void {
    this.sums.push([total, ...parts]);
  }

  /** The count at `i` as shown. */
  get(i: number): Count {
    this.decided ??= suppress(this.values, this.sums);
    return { value: this.values[i]!, shown: this.decided[i]! };
  }
}
