// The SQL back end (LANGUAGE.md §16): the engine's lowered rules (lower.ts of @visit/engine — names
// resolved, versions picked, params substituted, units as scales, calendar comparisons as date
// thresholds computed at compile time) written as one SELECT over the record table, with list
// fields (§12) from child tables joined on the key.
//
// Values: a criterion is an SQL BOOLEAN, unknown is NULL — SQL's AND/OR/NOT on NULL are Kleene's
// (§5), so `and`/`or`/`not` are written as they are; where the engine's rule is not SQL's (`in`
// with a missing item, `at least`, §12's interval rule, `is`), the SQL says so with CASE. Other
// values are the columns' own types; missing is NULL. Numbers in arithmetic are doubles, as in
// JavaScript. Dates are DATE; a date literal of the rules is an untyped string literal, which both
// engines read as the date it is compared with; thresholds are DATE literals.
//
// Nothing from records is ever spliced in: the SQL is built from the rules and the options only.
import { assertNever, check, inForce, rulesVersion, type CheckedFile } from '@visit/dsl';
import {
  lowerRules,
  LoweringError,
  isRealDate,
  recordInfo,
  symbolicAtLeast,
  type AtLeast,
  type CompareTest,
  type DateTest,
  type ElapsedTest,
  type ListType,
  type LoweredAggregate,
  type LoweredNode,
  type LoweredRules,
  type RecordInfo,
} from '@visit/engine';
import { dialectOf, SqlCompileError, type Dialect, type SqlDialectName } from './dialect';
import { checkListNames } from './lists';

export interface SqlCompileOptions {
  /** The reference date YYYY-MM-DD: thresholds, versions in force (§13), open periods' end. Not with `asOfField`. */
  asOf?: string;
  /**
   * Instead of one `asOf`: each row as of the date in this `date` field of the record (§14,
   * `--as-of-field`) — its thresholds, time_in windows and open periods' ends computed in SQL from
   * that column (a row without the date: every criterion that needs it unknown). Rules with dated
   * versions (§13) are refused here for now.
   */
  asOfField?: string;
  dialect: SqlDialectName;
  /** The record table (default `citizens`); `schema.table` is quoted part by part. */
  table?: string;
  /** List field → its table (default: the field's name), joined on the key column. */
  listTables?: Readonly<Record<string, string>>;
  /**
   * List field → a BOOLEAN column of the record table that says whether the list is known: NULL or
   * FALSE is a missing list (unknown, §12). Without one a list is always known, as from CSV with
   * `--list`: a citizen with no rows has an empty list.
   */
  listKnown?: Readonly<Record<string, string>>;
  /** Param overrides (as `--param`: name → literal source text). */
  params?: Readonly<Record<string, string>>;
  /**
   * One more column per programme line, after the programmes: the line's condition as TRUE, FALSE
   * or NULL (unknown) — the value the engine's explanation gives the line (§6; for an `exclude`
   * line TRUE means it excludes). Named `<programme>.<n>`, n counting the programme's lines from 1.
   */
  explainColumns?: boolean;
  /**
   * A column of the record table that numbers its rows (`visit screen --engine duckdb` loads one):
   * selected first, under its own name, and the column the list tables are joined on instead of
   * the key (so that two records with the same key keep their own lists).
   */
  rowColumn?: string;
  /**
   * PostgreSQL only (`visit screen --engine postgres`): one more column, last, under this name:
   * the row's record as JSON text — each field under its name, a list field as an array of its
   * table's rows (`null` when its "list known" column says unknown) — which is what the row would
   * be as an NDJSON line, so that the JavaScript pipeline validates it exactly as it validates a file.
   */
  recordJson?: string;
}

/** An explain column (`explainColumns`): programme `program`'s line `line` (from 1). */
export interface SqlLineColumn {
  name: string;
  program: string;
  line: number;
}

export interface SqlCompileResult {
  sql: string;
  /** Output columns in order: the key (if the record has one), the groups, the programmes. */
  columns: { key: string | undefined; groups: string[]; programs: string[]; lines: SqlLineColumn[] };
}

const EPOCH = "DATE '1970-01-01'";
const SQL_OPS = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;
const NULL_BOOLEAN = 'CAST(NULL AS BOOLEAN)';

function isoDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

class Emitter {
  private readonly letValues = new Map<number, LoweredNode>();
  private readonly groupConditions = new Map<number, LoweredNode>();
  private readonly cache = new Map<string, string>();
  private aliasCount = 0;
  /** Inside an aggregate's condition: the element table's alias and loads by element slot. */
  private element: { alias: string; loads: Map<number, LoweredAggregate['loads'][number]> } | undefined;
  private readonly lists = new Map<string, ListType>();
  /** `asOfField`: the row's reference date column, else undefined (one date, `asOf`). */
  private readonly ref: string | undefined;

  constructor(
    private readonly rules: LoweredRules,
    private readonly info: RecordInfo,
    private readonly d: Dialect,
    private readonly asOf: string,
    private readonly options: SqlCompileOptions,
    private readonly key: string | undefined,
  ) {
    this.ref = options.asOfField === undefined ? undefined : this.col(options.asOfField);
    for (const s of rules.steps) {
      if (s.kind === 'let') this.letValues.set(s.slot, s.value);
      else this.groupConditions.set(s.slot, s.condition);
    }
    for (const f of info.fields) if (f.type.kind === 'list') this.lists.set(f.name, f.type);
  }

  private col(name: string): string {
    return `r.${this.d.ident(name)}`;
  }

  private date(iso: string): string {
    return `DATE '${iso}'`;
  }

  private number(n: number): string {
    if (!Number.isFinite(n)) throw new SqlCompileError(`not a finite number: ${n}`);
    const s = String(n);
    return n < 0 || Object.is(n, -0) ? `(${s})` : s;
  }

  private literal(v: number | string): string {
    return typeof v === 'number' ? this.number(v) : this.d.text(v);
  }

  private scaled(sql: string, scale: number): string {
    return scale === 1 ? sql : `(${sql} * ${this.number(scale)})`;
  }

  // ---------------------------------------------------------------- criteria (BOOLEAN, NULL unknown)

  /** `n` as an SQL BOOLEAN (NULL unknown). */
  crit(n: LoweredNode): string {
    switch (n.kind) {
      case 'constant':
        return n.value === 2 ? 'TRUE' : n.value === 0 ? 'FALSE' : NULL_BOOLEAN;
      case 'field':
        return this.col(this.rules.fields[n.slot]!.name);
      case 'let':
        return this.letSql(n.slot, true);
      case 'group': {
        const key = `g${n.slot}`;
        let s = this.cache.get(key);
        if (s === undefined) {
          s = this.crit(this.groupConditions.get(n.slot)!);
          this.cache.set(key, s);
        }
        return s;
      }
      case 'element':
        return this.elementSql(n.slot);
      case 'not':
        return `(NOT ${this.crit(n.operand)})`;
      case 'compare':
        return this.compare(n.test, n.left, n.right);
      case 'between':
        return `(${this.compare(n.lowTest, n.low, n.value)} AND ${this.compare(n.highTest, n.value, n.high)})`;
      case 'in':
        return this.membership(n);
      case 'is': {
        const v = this.isOperand(n.value, n.criterion);
        return `(${v} ${n.known ? 'IS NOT NULL' : 'IS NULL'})`;
      }
      case 'atLeast': {
        if (n.items.length === 0) return n.count <= 0 ? 'TRUE' : 'FALSE';
        const items = n.items.map((i) => this.crit(i));
        const sure = items.map((i) => `CASE WHEN ${i} IS TRUE THEN 1 ELSE 0 END`).join(' + ');
        const maybe = items.map((i) => `CASE WHEN ${i} IS NOT FALSE THEN 1 ELSE 0 END`).join(' + ');
        const k = this.number(n.count);
        return `(CASE WHEN (${sure}) >= ${k} THEN TRUE WHEN (${maybe}) < ${k} THEN FALSE ELSE ${NULL_BOOLEAN} END)`;
      }
      case 'logical':
        return `(${n.operands.map((o) => this.crit(o)).join(n.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'elapsed':
        return this.elapsed(n);
      case 'aggregate':
        return this.quantifier(n);
      case 'rangeCompare':
        return this.rangeCompare(n);
      case 'span':
      case 'negate':
      case 'arithmetic':
        throw new SqlCompileError(`a ${n.kind} is not a criterion`);
      default:
        return assertNever(n);
    }
  }

  /** The operand of `is known`/`is missing`: a list field's knownness, else the value. */
  private isOperand(n: LoweredNode, criterion: boolean): string {
    if (n.kind === 'field') {
      const name = this.rules.fields[n.slot]!.name;
      if (this.lists.has(name)) return this.listKnown(name) === undefined ? 'TRUE' : `CASE WHEN ${this.listKnown(name)} THEN TRUE END`;
    }
    return criterion ? this.crit(n) : this.value(n);
  }

  // ---------------------------------------------------------------- values

  /** `n` as an SQL value (NULL missing). */
  value(n: LoweredNode): string {
    switch (n.kind) {
      case 'constant':
        return this.literal(n.value);
      case 'field':
        return this.col(this.rules.fields[n.slot]!.name);
      case 'let':
        return this.letSql(n.slot, false);
      case 'element':
        return this.elementSql(n.slot);
      case 'span':
        return this.value(n.start);
      case 'negate':
        return `(- ${this.value(n.operand)})`;
      case 'arithmetic': {
        const l = `CAST(${this.scaled(this.value(n.left), n.leftScale)} AS ${this.d.double})`;
        const r = `CAST(${this.scaled(this.value(n.right), n.rightScale)} AS ${this.d.double})`;
        if (n.op !== '/') return `(${l} ${n.op} ${r})`;
        // JavaScript's x / 0 is ±Infinity or NaN; PostgreSQL raises an error, DuckDB gives the same as JS.
        if (this.d.name === 'duckdb') return `(${l} / ${r})`;
        // NULL stays NULL, and NaN / 0 is NaN (in SQL NaN is greater than every number, so it is tested first).
        return `(CASE WHEN ${r} = 0 THEN CAST(CASE WHEN ${l} = ${this.nan()} THEN 'NaN' WHEN ${l} > 0 THEN 'Infinity' WHEN ${l} < 0 THEN '-Infinity' WHEN ${l} = 0 THEN 'NaN' END AS ${this.d.double}) ELSE ${l} / ${r} END)`;
      }
      case 'aggregate': {
        if (n.op === 'count' || n.op === 'timeIn') return `(SELECT CASE WHEN x.lo = x.hi THEN x.hi END FROM ${this.range(n)} AS x)`;
        return this.crit(n);
      }
      case 'group':
      case 'not':
      case 'compare':
      case 'between':
      case 'in':
      case 'is':
      case 'atLeast':
      case 'logical':
      case 'elapsed':
      case 'rangeCompare':
        return this.crit(n);
      default:
        return assertNever(n);
    }
  }

  /** Whether the value of `n` can be NaN: only arithmetic makes one (0 / 0, ∞ − ∞, ∞ × 0); records cannot hold NaN. */
  private mayBeNaN(n: LoweredNode): boolean {
    switch (n.kind) {
      case 'arithmetic':
        return true;
      case 'negate':
        return this.mayBeNaN(n.operand);
      case 'span':
        return this.mayBeNaN(n.start);
      case 'let': {
        const v = this.letValues.get(n.slot);
        return v !== undefined && this.mayBeNaN(v);
      }
      default:
        return false;
    }
  }

  private nan(): string {
    return `CAST('NaN' AS ${this.d.double})`;
  }

  /** `sql = NaN` (TRUE for NaN in both dialects), or FALSE where `n` cannot be NaN. */
  private isNaN(sql: string, n: LoweredNode): string {
    return this.mayBeNaN(n) ? `(${sql} = ${this.nan()})` : 'FALSE';
  }

  private letSql(slot: number, criterion: boolean): string {
    const key = `l${slot}${criterion ? 'c' : 'v'}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      const v = this.letValues.get(slot);
      if (!v) throw new SqlCompileError(`let slot ${slot} has no value`);
      s = criterion ? this.crit(v) : this.value(v);
      this.cache.set(key, s);
    }
    return s;
  }

  private elementSql(slot: number): string {
    const el = this.element;
    if (!el) throw new SqlCompileError('an element field outside its list function');
    const load = el.loads.get(slot);
    if (!load) throw new SqlCompileError(`element slot ${slot} is not loaded`);
    const c = `${el.alias}.${this.d.ident(load.name)}`;
    return load.open === undefined ? c : `COALESCE(${c}, ${this.reference(load.open)})`;
  }

  // ---------------------------------------------------------------- comparisons

  /** The reference date: the row's column with `asOfField`, else `iso` (the one date). */
  private reference(iso: string): string {
    return this.ref ?? this.date(iso);
  }

  /** `date` plus `k` units (k an SQL number; §4's calendar: months clamp to the month's end), as a DATE. */
  private addUnits(date: string, k: string, unit: ElapsedTest['unit']): string {
    switch (unit) {
      case 'days':
        return this.d.addDays(date, k);
      case 'weeks':
        return this.d.addDays(date, `(7 * ${k})`);
      case 'months':
        return `CAST(${this.d.addMonths(date, k)} AS DATE)`;
      case 'years':
        return `CAST(${this.d.addMonths(date, `(12 * ${k})`)} AS DATE)`;
      default:
        return assertNever(unit);
    }
  }

  /** `d` tested against "at least k units before the reference date"; NULL when d is. */
  private atLeast(d: string, k: AtLeast): string {
    if (k === true) return `(${d} = ${d})`;
    if (k === false) return `(${d} <> ${d})`;
    const symbolic = symbolicAtLeast(k);
    if (symbolic) {
      // A reference date per row: d + k units on or before it (what the one-date threshold is, §4).
      if (this.ref === undefined) throw new SqlCompileError('internal error: a threshold per row without a reference column');
      return `(${this.addUnits(`CAST(${d} AS DATE)`, String(symbolic.k), symbolic.unit)} <= ${this.ref})`;
    }
    return `(${d} <= ${this.date(k)})`;
  }

  private dateTest(d: string, t: DateTest): string {
    switch (t.kind) {
      case 'always':
        return this.atLeast(d, t.value);
      case 'atLeast':
        return this.atLeast(d, t.k);
      case 'below':
        return `(NOT ${this.atLeast(d, t.k)})`;
      case 'exactly':
        return `(${this.atLeast(d, t.k)} AND NOT ${this.atLeast(d, t.next)})`;
      case 'notExactly':
        return `(NOT (${this.atLeast(d, t.k)} AND NOT ${this.atLeast(d, t.next)}))`;
      default:
        return assertNever(t);
    }
  }

  private compare(test: CompareTest, left: LoweredNode, right: LoweredNode): string {
    switch (test.kind) {
      case 'calendar':
        return this.dateTest(this.value(test.date === 'left' ? left : right), test.test);
      case 'criteria':
        return `(${this.crit(left)} ${SQL_OPS[test.op]} ${this.crit(right)})`;
      case 'values': {
        const l = this.scaled(this.value(left), test.leftScale);
        const r = this.scaled(this.value(right), test.rightScale);
        const plain = `(${l} ${SQL_OPS[test.op]} ${r})`;
        if (!this.mayBeNaN(left) && !this.mayBeNaN(right)) return plain;
        // SQL orders NaN above every number and NaN = NaN; the engine (JavaScript's ===, <) says a
        // NaN equals nothing, differs from everything, and is in no order (unknown).
        const onNaN = nanOutcome(test.op);
        return `(CASE WHEN ${l} IS NULL OR ${r} IS NULL THEN ${NULL_BOOLEAN} WHEN ${this.isNaN(l, left)} OR ${this.isNaN(r, right)} THEN ${onNaN} ELSE ${plain} END)`;
      }
      default:
        return assertNever(test);
    }
  }

  private membership(n: LoweredNode & { kind: 'in' }): string {
    const [yes, no] = n.negated ? ['FALSE', 'TRUE'] : ['TRUE', 'FALSE'];
    const m = n.members;
    switch (m.kind) {
      case 'calendar': {
        const d = this.value(n.value);
        if (m.tests.length === 0) return `CASE WHEN ${d} IS NULL THEN ${NULL_BOOLEAN} ELSE ${no} END`;
        return `(CASE WHEN ${d} IS NULL THEN ${NULL_BOOLEAN} WHEN ${m.tests.map((t) => this.dateTest(d, t)).join(' OR ')} THEN ${yes} ELSE ${no} END)`;
      }
      case 'criteria': {
        const v = this.crit(n.value);
        if (m.items.length === 0) return `CASE WHEN ${v} IS NULL THEN ${NULL_BOOLEAN} ELSE ${no} END`;
        // A missing item equals nothing (the engine's rule), unlike SQL's IN.
        const found = m.items.map((i) => `COALESCE(${v} = ${this.crit(i)}, FALSE)`).join(' OR ');
        return `(CASE WHEN ${v} IS NULL THEN ${NULL_BOOLEAN} WHEN ${found} THEN ${yes} ELSE ${no} END)`;
      }
      case 'values': {
        if (m.items.length === 0) return `CASE WHEN ${this.value(n.value)} IS NULL THEN ${NULL_BOOLEAN} ELSE ${no} END`;
        const found = m.items
          .map((i) => {
            const v = this.scaled(this.value(n.value), i.valueScale);
            const w = this.scaled(this.value(i.node), i.itemScale);
            // A NaN equals nothing, itself included (JavaScript's ===; SQL's NaN = NaN is TRUE).
            const notNaN = [this.mayBeNaN(n.value) ? ` AND NOT ${this.isNaN(v, n.value)}` : '', this.mayBeNaN(i.node) ? ` AND NOT ${this.isNaN(w, i.node)}` : ''].join('');
            return `COALESCE(${v} = ${w}${notNaN}, FALSE)`;
          })
          .join(' OR ');
        return `(CASE WHEN ${this.value(n.value)} IS NULL THEN ${NULL_BOOLEAN} WHEN ${found} THEN ${yes} ELSE ${no} END)`;
      }
      default:
        return assertNever(m);
    }
  }

  // ---------------------------------------------------------------- time_between (§11)

  /** Whole completed units from date a to date b by §4's calendar rule; 0 when b is not after a. */
  private units(a: string, b: string, unit: ElapsedTest['unit']): string {
    const days = this.d.daysBetween(b, a);
    let raw: string;
    switch (unit) {
      case 'days':
        raw = days;
        break;
      case 'weeks':
        raw = `FLOOR(${days} / 7.0)`;
        break;
      case 'months':
      case 'years': {
        // k = months from a's month to b's; a + k months (clamped to the month's end, §4) is in b's
        // month, and k months have passed unless that day is after b.
        const k = `CAST((EXTRACT(YEAR FROM ${b}) - EXTRACT(YEAR FROM ${a})) * 12 + EXTRACT(MONTH FROM ${b}) - EXTRACT(MONTH FROM ${a}) AS INTEGER)`;
        const months = `(${k} - CASE WHEN ${this.d.addMonths(a, k)} > ${b} THEN 1 ELSE 0 END)`;
        raw = unit === 'years' ? `FLOOR(${months} / 12.0)` : months;
        break;
      }
      default:
        return assertNever(unit);
    }
    return `(CASE WHEN ${b} <= ${a} THEN 0 ELSE ${raw} END)`;
  }

  private elapsed(n: LoweredNode & { kind: 'elapsed' }): string {
    const a = `CAST(${this.value(n.from)} AS DATE)`;
    const b = `CAST(${this.value(n.to)} AS DATE)`;
    const tri = (x: 0 | 1 | 2) => (x === 2 ? 'TRUE' : x === 0 ? 'FALSE' : NULL_BOOLEAN);
    const tests = n.tests.map((t) => `(${this.units(a, b, t.unit)} ${SQL_OPS[t.op]} ${this.number(t.amount)})`);
    const holds = tests.length === 0 ? (n.match === 'all' ? 'TRUE' : 'FALSE') : tests.join(n.match === 'all' ? ' AND ' : ' OR ');
    return `(CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN ${tri(n.missing)} WHEN ${holds} THEN ${tri(n.yes)} ELSE ${tri((2 - n.yes) as 0 | 2)} END)`;
  }

  // ---------------------------------------------------------------- lists (§12)

  private listKnown(name: string): string | undefined {
    const c = this.options.listKnown?.[name];
    return c === undefined ? undefined : `${this.col(c)} IS TRUE`;
  }

  private listOf(n: LoweredAggregate): { name: string; table: string } {
    const name = this.rules.fields[n.list]!.name;
    return { name, table: this.d.table(this.options.listTables?.[name] ?? name) };
  }

  /** The aggregate's condition on its element alias (TRUE when it has none). */
  private condition(n: LoweredAggregate, alias: string): string {
    if (!n.condition) return 'TRUE';
    const outer = this.element;
    this.element = { alias, loads: new Map(n.loads.map((l) => [l.slot, l])) };
    try {
      return this.crit(n.condition);
    } finally {
      this.element = outer;
    }
  }

  private keyJoin(alias: string): string {
    const on = this.options.rowColumn ?? this.key;
    if (on === undefined) throw new SqlCompileError('list fields need a key field to join their tables on', { problem: 'list-needs-key' });
    return `${alias}.${this.d.ident(on)} = ${this.col(on)}`;
  }

  private newAlias(): string {
    return `e${++this.aliasCount}`;
  }

  /** any/all/none. */
  private quantifier(n: LoweredAggregate): string {
    const { name, table } = this.listOf(n);
    const e = this.newAlias();
    const c = this.condition(n, e);
    const exists = (test: string) => this.d.exists(`FROM ${table} AS ${e} WHERE ${this.keyJoin(e)} AND (${c}) ${test}`);
    const known = this.listKnown(name);
    const missing = known === undefined ? '' : `WHEN NOT (${known}) THEN ${NULL_BOOLEAN} `;
    switch (n.op) {
      case 'any':
        return `(CASE ${missing}WHEN ${exists('IS TRUE')} THEN TRUE WHEN ${exists('IS NULL')} THEN ${NULL_BOOLEAN} ELSE FALSE END)`;
      case 'none':
        return `(CASE ${missing}WHEN ${exists('IS TRUE')} THEN FALSE WHEN ${exists('IS NULL')} THEN ${NULL_BOOLEAN} ELSE TRUE END)`;
      case 'all':
        return `(CASE ${missing}WHEN ${exists('IS FALSE')} THEN FALSE WHEN ${exists('IS NULL')} THEN ${NULL_BOOLEAN} ELSE TRUE END)`;
      case 'count':
      case 'timeIn':
        throw new SqlCompileError(`${n.op} is not a criterion`);
      default:
        return assertNever(n.op);
    }
  }

  /** A derived table of one row, `(lo, hi)`: the ends of a count or time_in (NULL for a missing list). */
  private range(n: LoweredAggregate): string {
    const { name, table } = this.listOf(n);
    const e = this.newAlias();
    const c = this.condition(n, e);
    const known = this.listKnown(name);
    const guard = (x: string) => (known === undefined ? x : `CASE WHEN ${known} THEN ${x} END`);
    if (n.op === 'count') {
      return `(SELECT ${guard(`COUNT(*) FILTER (WHERE (${c}) IS TRUE)`)} AS lo, ${guard(`COUNT(*) FILTER (WHERE (${c}) IS NOT FALSE)`)} AS hi FROM ${table} AS ${e} WHERE ${this.keyJoin(e)})`;
    }
    if (n.op !== 'timeIn' || !n.window) throw new SqlCompileError(`${n.op} has no range`);
    const w = n.window;
    const loads = new Map(n.loads.map((l) => [l.slot, l]));
    const start = loads.get(w.start);
    const end = loads.get(w.end);
    if (!start || !end) throw new SqlCompileError('time_in without start and end loads');
    // `last N unit`: from the day after reference − N units to the reference date (§12).
    const first = this.ref === undefined ? this.date(isoDay(w.first)) : this.d.addDays(this.addUnits(this.ref, this.number(-w.length.amount), w.length.unit), '1');
    const last = this.ref ?? this.date(isoDay(w.last));
    const s = `${e}.${this.d.ident(start.name)}`;
    const en = `COALESCE(${e}.${this.d.ident(end.name)}, ${this.reference(end.open ?? this.asOf)})`;
    // The union of the periods clipped to the window, in days: sorted by start, each period adds
    // the days after the latest end before it (every day from its start to that end is covered).
    const union = (test: string) =>
      `(SELECT COALESCE(SUM(GREATEST(0, q.e - GREATEST(q.s, COALESCE(q.pm + 1, q.s)) + 1)), 0) FROM (` +
      `SELECT p.s, p.e, MAX(p.e) OVER (ORDER BY p.s, p.e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pm FROM (` +
      `SELECT ${this.d.daysBetween(`GREATEST(${s}, ${first})`, EPOCH)} AS s, ${this.d.daysBetween(`LEAST(${en}, ${last})`, EPOCH)} AS e FROM ${table} AS ${e} ` +
      `WHERE ${this.keyJoin(e)} AND ${s} IS NOT NULL AND (${c}) ${test}) AS p WHERE p.s <= p.e) AS q)`;
    return `(SELECT ${guard(union('IS TRUE'))} AS lo, ${guard(union('IS NOT FALSE'))} AS hi)`;
  }

  /** A side of a rangeCompare: a derived table `(lo, hi)`. */
  private side(n: LoweredNode): string {
    if (n.kind === 'aggregate' && (n.op === 'count' || n.op === 'timeIn')) return this.range(n);
    const v = this.value(n);
    return `(SELECT ${v} AS lo, ${v} AS hi)`;
  }

  /** §12's interval rule: decided when every value between the ends gives the same answer. */
  private rangeCompare(n: LoweredNode & { kind: 'rangeCompare' }): string {
    const a = this.scaled('x.lo', n.leftScale);
    const b = this.scaled('x.hi', n.leftScale);
    const c = this.scaled('y.lo', n.rightScale);
    const d = this.scaled('y.hi', n.rightScale);
    const U = NULL_BOOLEAN;
    let test: string;
    switch (n.op) {
      case '<':
        test = `WHEN ${b} < ${c} THEN TRUE WHEN ${a} >= ${d} THEN FALSE ELSE ${U}`;
        break;
      case '<=':
        test = `WHEN ${b} <= ${c} THEN TRUE WHEN ${a} > ${d} THEN FALSE ELSE ${U}`;
        break;
      case '>':
        test = `WHEN ${a} > ${d} THEN TRUE WHEN ${b} <= ${c} THEN FALSE ELSE ${U}`;
        break;
      case '>=':
        test = `WHEN ${a} >= ${d} THEN TRUE WHEN ${b} < ${c} THEN FALSE ELSE ${U}`;
        break;
      case '=':
      case '!=': {
        const f = n.op === '=' ? 'FALSE' : 'TRUE';
        test =
          `WHEN ${a} = ${b} AND ${c} = ${d} THEN (${a} ${SQL_OPS[n.op]} ${c}) ` +
          // A range holds whole numbers only: a plain value that is not whole equals none of them.
          `WHEN ${b} < ${c} OR ${d} < ${a} OR (${a} = ${b} AND ${a} <> FLOOR(${a})) OR (${c} = ${d} AND ${c} <> FLOOR(${c})) THEN ${f} ` +
          `WHEN ${a} <= ${d} AND ${c} <= ${b} THEN ${U} ELSE ${f}`;
        break;
      }
      default:
        return assertNever(n.op);
    }
    // A NaN (an arithmetic side: count(…) < a / b) is in no order, equals nothing (see compare).
    const nan = [this.mayBeNaN(n.left) ? [a, b] : [], this.mayBeNaN(n.right) ? [c, d] : []].flat().map((e) => `${e} = ${this.nan()}`);
    const onNaN = nan.length === 0 ? '' : `WHEN ${nan.join(' OR ')} THEN ${nanOutcome(n.op)} `;
    return `(SELECT CASE WHEN ${a} IS NULL OR ${b} IS NULL OR ${c} IS NULL OR ${d} IS NULL THEN ${U} ${onNaN}${test} END FROM ${this.side(n.left)} AS x, ${this.side(n.right)} AS y)`;
  }
}

/** `x op NaN` as the engine says it (JavaScript's === and <): never equal, always different, in no order. */
function nanOutcome(op: keyof typeof SQL_OPS): string {
  return op === '=' ? 'FALSE' : op === '!=' ? 'TRUE' : NULL_BOOLEAN;
}

function header(checked: CheckedFile, options: SqlCompileOptions): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const when = options.asOfField === undefined ? `as of ${options.asOf}` : `each row as of its ${clean(options.asOfField)}`;
  const lines = [`-- Visit rules ${rulesVersion(checked.source)}`, `-- ${when}, dialect ${options.dialect}`];
  for (const [name, value] of Object.entries(options.params ?? {})) lines.push(`-- param ${clean(name)} = ${clean(value)}`);
  lines.push('-- Generated by visit compile --target sql: groups TRUE/FALSE/NULL (unknown), programmes eligible/ineligible/undetermined (LANGUAGE.md §16).');
  return lines.join('\n');
}

/**
 * The rules as one SELECT (LANGUAGE.md §16): the key, one column per group (TRUE, FALSE or NULL for
 * unknown) and one per programme ('eligible', 'ineligible', 'undetermined'), as of `options.asOf`.
 * Throws SqlCompileError when the rules have errors or cannot be written (see its message).
 */
export function compileSql(checked: CheckedFile, options: SqlCompileOptions): SqlCompileResult {
  const d = dialectOf(options.dialect);
  const asOfField = options.asOfField;
  if (asOfField !== undefined && options.asOf !== undefined) throw new SqlCompileError('give one reference date (asOf) or a field of dates (asOfField), not both');
  // With a date per row, no threshold is computed from `asOf`: it only picks the (undated) versions.
  const asOf = options.asOf ?? (asOfField !== undefined ? '2000-01-01' : undefined);
  if (asOf === undefined || !isRealDate(asOf)) {
    throw new SqlCompileError(`invalid reference date ${JSON.stringify(asOf)}: expected a date YYYY-MM-DD that exists`);
  }
  const params = options.params ?? {};
  const rules0 = Object.keys(params).length > 0 ? check(checked.source, { params }) : checked;
  const errors = rules0.diagnostics.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new SqlCompileError(`the rules have errors: ${errors.map((x) => `line ${x.range.start.line}: ${x.message}`).join('; ')}`);
  checkListNames(rules0, options);
  if (asOfField !== undefined) checkAsOfField(rules0, asOfField);
  const view = inForce(rules0, asOf);
  if (!view.ok) throw new SqlCompileError(view.message);
  const rules = view.checked;
  const info = recordInfo(rules0);
  let lowered: LoweredRules;
  try {
    lowered = lowerRules(rules, info, asOf, { symbolicAsOf: asOfField !== undefined });
  } catch (e) {
    if (e instanceof LoweringError) throw new SqlCompileError(`the rules cannot be lowered: ${e.message}`);
    throw e;
  }
  const key = info.keyField;
  const emitter = new Emitter(lowered, info, d, asOf, options, key);
  const groups = lowered.groups.map((g) => g.name);
  const programs = lowered.programs.map((p) => p.name);
  // A name has no '.', so `<programme>.<n>` is never a group's, a programme's or the key's.
  const lines: SqlLineColumn[] = options.explainColumns
    ? lowered.programs.flatMap((p) => p.lines.map((_, i) => ({ name: `${p.name}.${i + 1}`, program: p.name, line: i + 1 })))
    : [];
  const row = options.rowColumn;
  const json = options.recordJson;
  if (json !== undefined && options.dialect !== 'postgres') throw new SqlCompileError('the record as JSON is written for PostgreSQL only');
  const names = [...(row === undefined ? [] : [row]), ...(key === undefined ? [] : [key]), ...groups, ...programs, ...lines.map((l) => l.name), ...(json === undefined ? [] : [json])];
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new SqlCompileError(`two output columns would be named ${JSON.stringify(n)}`, { problem: 'column-twice', name: n });
    seen.add(n);
  }
  const select: string[] = [];
  if (row !== undefined) select.push(`  r.${d.ident(row)} AS ${d.ident(row)}`);
  if (key !== undefined) select.push(`  r.${d.ident(key)} AS ${d.ident(key)}`);
  for (const g of lowered.groups) {
    const cond = emitter.crit({ kind: 'group', slot: g.slot, trace: { id: 0, criterion: true } });
    select.push(`  ${cond} AS ${d.ident(g.name)}`);
  }
  for (const p of lowered.programs) {
    const holds = p.lines.map((l) => (l.mode === 'require' ? emitter.crit(l.condition) : `(NOT ${emitter.crit(l.condition)})`));
    const all = holds.length === 0 ? 'TRUE' : holds.join('\n    AND ');
    select.push(`  CASE (${all}) WHEN TRUE THEN 'eligible' WHEN FALSE THEN 'ineligible' ELSE 'undetermined' END AS ${d.ident(p.name)}`);
  }
  if (options.explainColumns) {
    for (const p of lowered.programs) p.lines.forEach((l, i) => select.push(`  ${emitter.crit(l.condition)} AS ${d.ident(`${p.name}.${i + 1}`)}`));
  }
  if (json !== undefined) select.push(`  ${recordJsonSql(info, d, options, key)} AS ${d.ident(json)}`);
  const sql = `${header(checked, options)}\nSELECT\n${select.join(',\n')}\nFROM ${d.table(options.table ?? 'citizens')} AS r`;
  return { sql, columns: { key, groups, programs, lines } };
}

/**
 * A JSON object of (name, value) pairs: PostgreSQL's json_build_object takes at most 100 arguments,
 * so a record of more than 50 fields is built in parts joined as jsonb (the key order of jsonb
 * differs; the validator reads fields by name).
 */
function jsonObject(d: Dialect, pairs: readonly [name: string, value: string][]): string {
  const build = (part: readonly [string, string][]) => `json_build_object(${part.map(([n, v]) => `${d.text(n)}, ${v}`).join(', ')})`;
  if (pairs.length <= 50) return build(pairs);
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) parts.push(`${build(pairs.slice(i, i + 50))}::jsonb`);
  return `(${parts.join(' || ')})::json`;
}

/** The record of row `r` as JSON text (SqlCompileOptions.recordJson). */
function recordJsonSql(info: ReturnType<typeof recordInfo>, d: Dialect, options: SqlCompileOptions, key: string | undefined): string {
  const pairs = info.fields.map((f): [string, string] => {
    const col = `r.${d.ident(f.name)}`;
    if (f.type.kind !== 'list') return [f.name, col];
    if (key === undefined) throw new SqlCompileError('list fields need a key field to join their tables on', { problem: 'list-needs-key' });
    const element = jsonObject(d, f.type.fields.map((e): [string, string] => [e.name, `e.${d.ident(e.name)}`]));
    const table = d.table(options.listTables?.[f.name] ?? f.name);
    const elements = `COALESCE((SELECT json_agg(${element}) FROM ${table} AS e WHERE e.${d.ident(key)} = r.${d.ident(key)}), '[]'::json)`;
    const known = options.listKnown?.[f.name];
    return [f.name, known === undefined ? elements : `CASE WHEN r.${d.ident(known)} IS TRUE THEN ${elements} END`];
  });
  return `${jsonObject(d, pairs)}::text`;
}

/** `asOfField` must be a date field of the record, and the rules without dated versions (§13) for now. */
function checkAsOfField(checked: CheckedFile, name: string): void {
  const fields = recordInfo(checked).fields;
  const dates = fields.filter((f) => f.type.kind === 'date').map((f) => f.name);
  if (!dates.includes(name)) {
    throw new SqlCompileError(`${JSON.stringify(name)} is not a date field of the record (its date fields: ${dates.join(', ') || 'none'})`, { problem: 'as-of-field-not-a-date', name, dates });
  }
  const dated = [...checked.versions.entries()].filter(([, vs]) => vs.some((v) => v.validity !== undefined)).map(([n]) => n);
  if (dated.length > 0) {
    throw new SqlCompileError(`a reference date per row is not compiled to SQL for rules with dated versions (§13) yet: ${dated.join(', ')}`, { problem: 'as-of-field-dated-versions', names: dated });
  }
}
