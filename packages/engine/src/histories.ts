// Run-time helpers of §11 and §12 shared by both back ends (generated code and closures): the
// interval rule for counts and times in a window, and the union of periods. No per-row allocation:
// each evaluator owns one Periods scratch that grows to the longest list it has seen.

/**
 * `left op right` where each side lies somewhere in a closed range of whole numbers ([a, b] and
 * [c, d]; a plain value is the range [x, x]): 2 when every pair of values in the ranges holds,
 * 0 when none does, else 1 (LANGUAGE.md §12: decided when every count between the true elements
 * and the true-or-unknown elements gives the same answer). Missing (undefined) is 1.
 * `op`: 0 =, 1 !=, 2 <, 3 <=, 4 >, 5 >=.
 */
export function rangeCompare(op: number, a: number | undefined, b: number | undefined, c: number | undefined, d: number | undefined): number {
  if (a === undefined || b === undefined || c === undefined || d === undefined) return 1;
  switch (op) {
    case 0:
    case 1: {
      let eq: number;
      if (a === b && c === d) eq = a === c ? 2 : 0;
      // A range holds whole numbers only: a plain value that is not whole equals none of them.
      else if (b < c || d < a || (a === b && !Number.isInteger(a)) || (c === d && !Number.isInteger(c))) eq = 0;
      else if (a <= d && c <= b) eq = 1;
      else eq = 0; // NaN
      return op === 0 ? eq : 2 - eq;
    }
    case 2:
      return b < c ? 2 : a >= d ? 0 : 1;
    case 3:
      return b <= c ? 2 : a > d ? 0 : 1;
    case 4:
      return a > d ? 2 : b <= c ? 0 : 1;
    default:
      return a >= d ? 2 : b < c ? 0 : 1;
  }
}

/** The periods of one `time_in`, clipped to its window, as day numbers; `sure` marks the ones whose
 *  condition is true (the others are unknown). */
export class Periods {
  private starts = new Float64Array(16);
  private ends = new Float64Array(16);
  private sure = new Uint8Array(16);
  private n = 0;

  reset(): void {
    this.n = 0;
  }

  /** Adds the days first..last (both included) when not empty. */
  add(first: number, last: number, sure: boolean): void {
    if (first > last) return;
    if (this.n === this.starts.length) {
      const grow = <T extends Float64Array | Uint8Array>(x: T, y: T): T => {
        y.set(x);
        return y;
      };
      this.starts = grow(this.starts, new Float64Array(this.n * 2));
      this.ends = grow(this.ends, new Float64Array(this.n * 2));
      this.sure = grow(this.sure, new Uint8Array(this.n * 2));
    }
    // Insertion in start order (lists are short): the union is then one pass.
    let i = this.n++;
    while (i > 0 && this.starts[i - 1]! > first) {
      this.starts[i] = this.starts[i - 1]!;
      this.ends[i] = this.ends[i - 1]!;
      this.sure[i] = this.sure[i - 1]!;
      i--;
    }
    this.starts[i] = first;
    this.ends[i] = last;
    this.sure[i] = sure ? 1 : 0;
  }

  /** The number of days in the union of the sure periods (`sureOnly`) or of all of them. */
  days(sureOnly: boolean): number {
    let total = 0;
    let from = 0;
    let to = -1;
    let open = false;
    for (let i = 0; i < this.n; i++) {
      if (sureOnly && this.sure[i] === 0) continue;
      const s = this.starts[i]!;
      const e = this.ends[i]!;
      if (open && s <= to + 1) {
        if (e > to) to = e;
      } else {
        if (open) total += to - from + 1;
        from = s;
        to = e;
        open = true;
      }
    }
    if (open) total += to - from + 1;
    return total;
  }
}

/** The helpers the generated code receives as `H`. */
export interface Helpers {
  rangeCompare: typeof rangeCompare;
  units: (from: string, to: string, unit: 'days' | 'weeks' | 'months' | 'years') => number;
  day: (iso: string) => number;
  periods: Periods;
}
