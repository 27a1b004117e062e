// Engine evaluation throughput (the issue's performance target): the Tre hovedveje rules of
// LANGUAGE.md §1 over 1,000,000 in-memory typed records, side by side with a hand-written
// three-valued function, json-logic-js on the compiled JSON Logic and json-logic-engine's compiled
// mode. Medians of several runs; every evaluator's outcomes are checked against the hand-written
// function's on every record (mismatches must be 0). Built with esbuild by bench/engine.mjs.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
// bench/ is no package: the workspace sources are imported by path, and the JSON Logic engines
// (dependencies of packages/engine) are handed in by bench/engine.mjs.
import { check } from '../packages/dsl/src/index';
import {
  compile,
  latestStart,
  outcomeFromJsonLogic,
  toJsonLogic,
  type JsonLogic,
  type Outcome,
  type RecordInfo,
  type Screener,
  type TypedRecord,
} from '../packages/engine/src/index';

/** The parts of json-logic-js and json-logic-engine the benchmark uses. */
export interface JsonLogicLibraries {
  jsonLogicJs: { apply(logic: unknown, data: unknown): unknown };
  LogicEngine: new () => { build(logic: unknown): unknown };
}

/** LANGUAGE.md §1, verbatim. */
export const RULES = `// Tre hovedveje til job (STAR 2015–2016): the three target groups and the job club.

record Citizen {
  cpr:              text key personal         "CPR-nummer"
  birth_date:       date                      "Fødselsdato"
  unemployed_since: date optional             "Ledig siden"
  education:        one of (none, vocational, bachelor, master)
  literacy:         integer 1..5 optional     "Læseniveau (FVU-trin)"
  benefit:          one of (dagpenge, kontanthjaelp, uddannelseshjaelp, sygedagpenge)
  motivated:        boolean                   "Ønsker selv at deltage"
}

let age      = age_of(birth_date)
let ledighed = time_since(unemployed_since)

param min_ledighed = 6 months "Mindste ledighedsanciennitet"

group unge "Unge med en uddannelse og mindst seks måneders ledighed" =
  age < 30 years and education != none and ledighed >= min_ledighed

group voksne "30–49 år med mindst seks måneders ledighed" =
  age between 30 years and 49 years and ledighed >= min_ledighed

group seniorer "50 år eller derover, uanset ledighedsanciennitet" =
  age >= 50 years

program jobklub "Hovedvej 1 – Jobklub" {
  require benefit = dagpenge            "Projektet er for dagpengemodtagere"
  require unge or voksne or seniorer    "Borgeren er i en af projektets tre målgrupper"
  require literacy >= 3                 "Jobklubben forudsætter læsefærdigheder på mindst niveau 3"
  require motivated                     "Deltagelse er frivillig"
}

test "56-årig dagpengemodtager uden læsetest" {
  as of 2026-11-23
  given { cpr: "0101701234", birth_date: 1970-01-01, benefit: dagpenge,
          education: none, motivated: true }
  expect seniorer
  expect not voksne
  expect jobklub undetermined
}
`;

const AS_OF = '2026-11-23';

type Rec = Record<string, string | number | boolean | null | undefined | readonly unknown[]>;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Typed records as the engine reads them; optional fields are absent or null about a fifth of the time. */
export function makeRecords(n: number, seed = 42): Rec[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const ref = Date.UTC(2026, 10, 23) / 86_400_000;
  const out: Rec[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Rec = {
      cpr: String(1_000_000_000 + i),
      birth_date: isoOfDay(ref - Math.floor(next() * 70 * 365.25) - 16 * 365),
      education: pick(['none', 'vocational', 'bachelor', 'master'] as const),
      benefit: pick(['dagpenge', 'dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge'] as const),
      motivated: next() < 0.7,
    };
    const u = next();
    if (u < 0.8) r.unemployed_since = isoOfDay(ref - Math.floor(next() * 3 * 365));
    else if (u < 0.9) r.unemployed_since = null;
    const l = next();
    if (l < 0.7) r.literacy = 1 + Math.floor(next() * 5);
    else if (l < 0.8) r.literacy = null;
    out[i] = r;
  }
  return out;
}

// The same rules written by hand, the obvious way: three-valued with null for unknown, calendar
// thresholds computed once.
const T30 = latestStart(AS_OF, 30, 'years');
const T50 = latestStart(AS_OF, 50, 'years');
const T6M = latestStart(AS_OF, 6, 'months');
function and3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}
function or3(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}
export function handWritten(r: Rec): Outcome {
  const birth = r.birth_date ?? null;
  const since = r.unemployed_since ?? null;
  const education = r.education ?? null;
  const ageUnder30 = birth === null ? null : birth > T30;
  const ageAtLeast30 = birth === null ? null : birth <= T30;
  // `age <= 49 years` ⇔ not (age >= 50 years)
  const ageAtMost49 = birth === null ? null : birth > T50;
  const ageAtLeast50 = birth === null ? null : birth <= T50;
  const ledig6 = since === null ? null : since <= T6M;
  const unge = and3(and3(ageUnder30, education === null ? null : education !== 'none'), ledig6);
  const voksne = and3(and3(ageAtLeast30, ageAtMost49), ledig6);
  const seniorer = ageAtLeast50;
  const benefit = r.benefit ?? null;
  const literacy = r.literacy ?? null;
  const motivated = r.motivated ?? null;
  const inGroup = or3(or3(unge, voksne), seniorer);
  const readsWell = literacy === null ? null : (literacy as number) >= 3;
  const wants = typeof motivated === 'boolean' ? motivated : null;
  let jobklub: Outcome['programs'][string];
  if (benefit === null ? false : benefit !== 'dagpenge') jobklub = 'ineligible';
  else if (inGroup === false || readsWell === false || wants === false) jobklub = 'ineligible';
  else if (benefit === null || inGroup === null || readsWell === null || wants === null) jobklub = 'undetermined';
  else jobklub = 'eligible';
  return { groups: { unge, voksne, seniorer }, programs: { jobklub } };
}

function same(a: Outcome, b: Outcome): boolean {
  for (const k of Object.keys(a.groups)) if (a.groups[k] !== b.groups[k]) return false;
  for (const k of Object.keys(a.programs)) if (a.programs[k] !== b.programs[k]) return false;
  return true;
}

interface Row {
  name: string;
  median: number;
  perSecond: number;
  mismatches: number;
  records: number;
}

interface Candidate {
  name: string;
  records: readonly Rec[];
  f: (r: Rec) => Outcome;
  /** Runs are fewer for the slow ones. */
  runs: number;
  times: number[];
  mismatches: number;
}

/** A timing loop of its own per evaluator (built with new Function), so that no call site is shared. */
function timingLoop(): (f: (r: Rec) => Outcome, records: readonly Rec[]) => number {
  return new Function(
    'f',
    'records',
    `let eligible = 0;
     for (let i = 0; i < records.length; i++) if (f(records[i]).programs.jobklub === 'eligible') eligible++;
     return eligible;`,
  ) as (f: (r: Rec) => Outcome, records: readonly Rec[]) => number;
}

/** Runs the candidates round-robin (so that a change in machine load hits all alike); medians. */
function measure(candidates: Candidate[], expected: readonly Outcome[]): Row[] {
  for (const c of candidates) {
    for (let i = 0; i < c.records.length; i++) if (!same(c.f(c.records[i]!), expected[i]!)) c.mismatches++;
  }
  const loops = candidates.map(() => timingLoop());
  const rounds = Math.max(...candidates.map((c) => c.runs));
  for (let k = 0; k < rounds; k++) {
    candidates.forEach((c, i) => {
      if (k >= c.runs) return;
      const t = performance.now();
      loops[i]!(c.f, c.records);
      c.times.push(performance.now() - t);
    });
  }
  return candidates.map((c) => {
    const sorted = [...c.times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { name: c.name, median, perSecond: (c.records.length / median) * 1000, mismatches: c.mismatches, records: c.records.length };
  });
}

/** Outcomes from compiled holds/fails pairs, the way an integrator would run them (no copying). */
function jsonLogicEvaluator(
  doc: ReturnType<typeof toJsonLogic>,
  prepare: (logic: JsonLogic) => (data: Rec) => unknown,
): (r: Rec) => Outcome {
  const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);
  const criterion = (c: { holds: JsonLogic; fails: JsonLogic }) => {
    const holds = prepare(c.holds);
    const fails = prepare(c.fails);
    return (r: Rec): boolean | null => (truthy(holds(r)) ? true : truthy(fails(r)) ? false : null);
  };
  const groups = Object.entries(doc.groups).map(([name, g]) => [name, criterion(g)] as const);
  const programs = Object.entries(doc.programs).map(
    ([name, p]) => [name, p.lines.map((l) => ({ exclude: l.kind === 'exclude', value: criterion(l) }))] as const,
  );
  return (r) => {
    const out: Outcome = { groups: {}, programs: {} };
    for (const [name, g] of groups) out.groups[name] = g(r);
    for (const [name, lines] of programs) {
      let outcome: Outcome['programs'][string] = 'eligible';
      for (const line of lines) {
        const v = line.value(r);
        if (v === null) outcome = 'undetermined';
        else if (v === line.exclude) {
          outcome = 'ineligible';
          break;
        }
      }
      out.programs[name] = outcome;
    }
    return out;
  };
}

export interface EngineBenchResult {
  table: string;
  rows: Row[];
}

export interface EngineBenchOptions {
  records?: number;
  runs?: number;
  /** The repository root (for the example rule files). */
  root?: string;
  /** bench/dsl-rules.mjs's generator. */
  generateRules?: GenerateRules;
  /** Scales the record counts of the per-rule-set comparison (1 = the defaults). */
  scale?: number;
  /** Runs rule set `index` of the comparison elsewhere (bench/engine.mjs: a child process). */
  isolate?: (index: number, runs: number) => Promise<ClosureComparisonRow>;
  /** Only the per-rule-set comparison of closures and generated code. */
  closuresOnly?: boolean;
}

export async function run(libraries: JsonLogicLibraries, options: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const runs = Math.max(5, options.runs ?? 5);
  if (!options.generateRules) throw new Error('bench/engine.ts needs generateRules (bench/dsl-rules.mjs)');
  const sets = ruleSets(options.root ?? process.cwd(), options.generateRules, options.scale ?? 1);
  const comparison = options.isolate
    ? await (async () => {
        const rows: ClosureComparisonRow[] = [];
        for (let i = 0; i < sets.length; i++) rows.push(await options.isolate!(i, runs));
        return { rows, table: closureTable(rows, runs, true) };
      })()
    : compareClosures(sets, runs);
  if (options.closuresOnly) {
    console.log(`${comparison.table}\n`);
    if (comparison.rows.some((r) => r.mismatches > 0)) throw new Error('closures and generated code disagree');
    return { table: comparison.table, rows: [] };
  }
  const main = await runMain(libraries, { ...options, runs });
  console.log(`${comparison.table}\n`);
  if (comparison.rows.some((r) => r.mismatches > 0)) throw new Error('closures and generated code disagree');
  return { table: `${main.table}\n\n${comparison.table}`, rows: main.rows };
}

async function runMain(libraries: JsonLogicLibraries, options: EngineBenchOptions): Promise<EngineBenchResult> {
  const { jsonLogicJs, LogicEngine } = libraries;
  const n = options.records ?? 1_000_000;
  const runs = options.runs ?? 5;
  const compiled = compile(RULES, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(`benchmark rules do not compile: ${compiled.diagnostics[0]?.message}`);
  const screener = compiled.screener;
  // The evaluator for hosts that refuse code generation (a CSP without 'unsafe-eval'): closures.
  const withoutCodegen = compile(RULES, { asOf: AS_OF, codegen: false });
  if (!withoutCodegen.ok) throw new Error('benchmark rules do not compile without codegen');
  const closures = withoutCodegen.screener;
  if (screener.evaluator !== 'generated' || closures.evaluator !== 'closures') throw new Error(`evaluators: ${screener.evaluator}, ${closures.evaluator}`);
  const records = makeRecords(n);
  const expected = records.map(handWritten);

  // Our records as the readers produce them (fixed shape, declared fields only).
  // Each screener's own: the closures' screener makes records of its own shape (prototype).
  const readerRecords = (s: Screener) =>
    records.map((r) => {
      const v = s.validateJson(r);
      if (!v.ok) throw new Error(`generated record is invalid: ${v.errors.join('; ')}`);
      return v.record;
    });
  const typed = readerRecords(screener);
  const closureTyped = readerRecords(closures);

  const doc = toJsonLogic(check(RULES), { asOf: AS_OF });
  const engine = new LogicEngine();
  const viaEngine = jsonLogicEvaluator(doc, (logic) => engine.build(logic) as (data: Rec) => unknown);
  const viaJs = jsonLogicEvaluator(doc, (logic) => (data: Rec) => jsonLogicJs.apply(logic, data));
  // json-logic-js is ~100× slower: a tenth of the records keeps the run short; throughput is per record.
  const tenth = records.slice(0, Math.max(1, Math.floor(n / 10)));

  const candidate = (name: string, recs: readonly Rec[], f: (r: Rec) => Outcome, count = runs): Candidate => ({
    name,
    records: recs,
    f,
    runs: count,
    times: [],
    mismatches: 0,
  });
  const rows = measure(
    [
      candidate('hand-written JavaScript', records, handWritten),
      candidate('Visit evaluate (plain objects)', records, (r) => screener.evaluate(r as TypedRecord)),
      candidate('Visit evaluate (records from the readers)', typed, (r) => screener.evaluate(r as TypedRecord)),
      candidate('Visit evaluate, explain on', records, (r) => screener.evaluate(r as TypedRecord, true)),
      candidate('Visit closures (plain objects)', records, (r) => closures.evaluate(r as TypedRecord)),
      candidate('Visit closures (records from the readers)', closureTyped, (r) => closures.evaluate(r as TypedRecord)),
      candidate('Visit closures, explain on', records, (r) => closures.evaluate(r as TypedRecord, true)),
      candidate('json-logic-engine compiled', records, viaEngine),
      candidate('json-logic-js (1/10 of the records)', tenth, viaJs),
    ],
    expected,
  );

  const hand = rows[0]!.perSecond;
  const jle = rows.find((r) => r.name.startsWith('json-logic-engine'))!.perSecond;
  const per = (name: string) => rows.find((r) => r.name === name)!.perSecond;
  const ratio = (generated: string, closure: string) => (per(generated) / per(closure)).toFixed(2);
  const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(0)} k`);
  const table = [
    `### Engine: Tre hovedveje (3 groups + jobklub), ${n.toLocaleString('en')} in-memory records, median of ${runs} runs`,
    '',
    '| evaluator | median ms | records/s | vs hand-written | vs json-logic-engine | mismatches |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.median.toFixed(0)} | ${fmt(r.perSecond)} | ${(r.perSecond / hand).toFixed(2)}× | ${(r.perSecond / jle).toFixed(2)}× | ${r.mismatches} |`,
    ),
    '',
    'Targets: Visit evaluate ≥ 0.4× hand-written and ≥ 3× json-logic-engine compiled (explain off).',
    '',
    `Closures (no code generation: \`codegen: false\`, or a CSP without 'unsafe-eval') vs generated code: the generated code is ` +
      `${ratio('Visit evaluate (plain objects)', 'Visit closures (plain objects)')}× as fast on plain objects, ` +
      `${ratio('Visit evaluate (records from the readers)', 'Visit closures (records from the readers)')}× on the readers' records, ` +
      `${ratio('Visit evaluate, explain on', 'Visit closures, explain on')}× with explanations (target: within 2–3×).`,
  ].join('\n');
  console.log(`${table}\n`);
  const bad = rows.filter((r) => r.mismatches > 0);
  if (bad.length > 0) throw new Error(`outcomes disagree: ${bad.map((r) => `${r.name}: ${r.mismatches}`).join(', ')}`);
  return { table, rows };
}

// ---------------------------------------------------------------- closures vs generated, per rule set

/** A rule set the evaluators are compared on; `hand` is a hand-written function where one exists. */
interface RuleSet {
  name: string;
  source: string;
  records: number;
  hand?: (r: Rec) => Outcome;
  makeRecords?: (n: number) => Rec[];
}

/** Random typed records for any record declaration: every declared type, optional fields absent or
 *  null about a fifth of the time. Dates: a birth date 16–86 years back, other dates 0–3 years back. */
export function randomRecords(info: RecordInfo, n: number, seed = 7): Rec[] {
  const next = prng(seed);
  const ref = Date.UTC(2026, 10, 23) / 86_400_000;
  const out: Rec[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Rec = {};
    for (const f of info.fields) {
      if (f.optional) {
        const m = next();
        if (m < 0.1) continue;
        if (m < 0.2) {
          r[f.name] = null;
          continue;
        }
      }
      const t = f.type;
      switch (t.kind) {
        case 'text':
          r[f.name] = f.key ? String(1_000_000_000 + i) : `t${Math.floor(next() * 5)}`;
          break;
        case 'boolean':
          r[f.name] = next() < 0.6;
          break;
        case 'date':
          r[f.name] = /birth/.test(f.name)
            ? isoOfDay(ref - 16 * 365 - Math.floor(next() * 70 * 365.25))
            : isoOfDay(ref - Math.floor(next() * 3 * 365));
          break;
        case 'integer':
        case 'number': {
          const lo = t.min ?? 0;
          const hi = t.max ?? 100;
          const x = lo + next() * (hi - lo);
          r[f.name] = t.kind === 'integer' ? Math.round(x) : Math.round(x * 10) / 10;
          break;
        }
        case 'enum':
          r[f.name] = t.values[Math.floor(next() * t.values.length)]!;
          break;
      }
    }
    out[i] = r;
  }
  return out;
}

/** bench/dsl-rules.mjs: issue 2's generated rules file (handed in by bench/engine.mjs). */
export type GenerateRules = (options?: { groups?: number; programs?: number }) => string;

/** The rule sets: the engine bench's rules, the job-centre examples, and issue 2's generated files. */
export function ruleSets(root: string, generateRules: GenerateRules, scale = 1): RuleSet[] {
  const read = (p: string) => readFileSync(`${root}/${p}`, 'utf8');
  const k = (x: number) => Math.max(1, Math.round(x * scale));
  return [
    { name: 'Tre hovedveje, LANGUAGE.md §1 (3 groups, 1 programme)', source: RULES, records: k(300_000), hand: handWritten, makeRecords },
    { name: 'examples/tre-hovedveje (4 groups, 3 programmes)', source: read('examples/tre-hovedveje/tre-hovedveje.visit'), records: k(300_000) },
    { name: 'examples/rollemodeller (4 groups, 1 programme)', source: read('examples/rollemodeller/rollemodeller.visit'), records: k(300_000) },
    { name: 'generated, 20 groups, 10 programmes', source: generateRules({ groups: 20, programs: 10 }), records: k(100_000) },
    { name: 'generated, 200 groups, 100 programmes (issue 2)', source: generateRules(), records: k(10_000) },
  ];
}

interface Timed {
  name: string;
  f: (r: Rec) => unknown;
  records: readonly Rec[];
  times: number[];
}

function sink(): (f: (r: Rec) => unknown, records: readonly Rec[]) => unknown {
  return new Function('f', 'records', 'let last; for (let i = 0; i < records.length; i++) last = f(records[i]); return last;') as (
    f: (r: Rec) => unknown,
    records: readonly Rec[],
  ) => unknown;
}

/** Alternating runs (each candidate once per round, `runs` rounds), a timing loop per candidate; medians in ms. */
function alternate(candidates: Timed[], runs: number): number[] {
  const loops = candidates.map(() => sink());
  // One warm-up round, not counted.
  candidates.forEach((c, i) => loops[i]!(c.f, c.records));
  for (let k = 0; k < runs; k++) {
    candidates.forEach((c, i) => {
      const t = performance.now();
      loops[i]!(c.f, c.records);
      c.times.push(performance.now() - t);
    });
  }
  return candidates.map((c) => [...c.times].sort((a, b) => a - b)[Math.floor(c.times.length / 2)]!);
}

export interface ClosureComparisonRow {
  ruleSet: string;
  records: number;
  /** ns per record, medians. */
  generated: number;
  closures: number;
  generatedReaders: number;
  closuresReaders: number;
  generatedExplain: number;
  closuresExplain: number;
  hand?: number;
  mismatches: number;
}

/** Generated code vs closures (`codegen: false`) on every rule set: plain objects, the readers'
 *  records (each screener's own), and with explanations (a tenth of the records). */
export function compareClosures(sets: readonly RuleSet[], runs: number): { table: string; rows: ClosureComparisonRow[] } {
  const rows = sets.map((set) => compareOne(set, runs));
  return { table: closureTable(rows, runs), rows };
}

/** One rule set's row (bench/engine.mjs runs each in a process of its own: see closureTable). */
export function compareRuleSet(root: string, generateRules: GenerateRules, index: number, scale: number, runs: number): ClosureComparisonRow {
  return compareOne(ruleSets(root, generateRules, scale)[index]!, runs);
}

function compareOne(set: RuleSet, runs: number): ClosureComparisonRow {
  {
    const g = compile(set.source, { asOf: AS_OF });
    const c = compile(set.source, { asOf: AS_OF, codegen: false });
    if (!g.ok || !c.ok) throw new Error(`${set.name}: rules do not compile`);
    const gen: Screener = g.screener;
    const clo: Screener = c.screener;
    if (gen.evaluator !== 'generated' || clo.evaluator !== 'closures') throw new Error(`evaluators: ${gen.evaluator}, ${clo.evaluator}`);
    const plain = set.makeRecords ? set.makeRecords(set.records) : randomRecords(gen.record, set.records);
    const readers = (s: Screener) =>
      plain.map((r) => {
        const v = s.validateJson(r);
        if (!v.ok) throw new Error(`${set.name}: a generated record is invalid: ${v.errors.join('; ')}`);
        return v.record as unknown as Rec;
      });
    const genReaders = readers(gen);
    const cloReaders = readers(clo);
    const tenth = plain.slice(0, Math.max(1, Math.floor(plain.length / 10)));
    // Outcomes and explanations must be identical (checked on the first thousand records with explanations).
    let mismatches = 0;
    for (let i = 0; i < plain.length; i++) {
      const explain = i < 1000;
      const a = gen.evaluate(plain[i]!, explain);
      const b = clo.evaluate(plain[i]!, explain);
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches++;
      if (set.hand && !same(set.hand(plain[i]!), a)) mismatches++;
    }
    const cands: Timed[] = [
      { name: 'generated', f: (r) => gen.evaluate(r as TypedRecord), records: plain, times: [] },
      { name: 'closures', f: (r) => clo.evaluate(r as TypedRecord), records: plain, times: [] },
      { name: 'generated readers', f: (r) => gen.evaluate(r as TypedRecord), records: genReaders, times: [] },
      { name: 'closures readers', f: (r) => clo.evaluate(r as TypedRecord), records: cloReaders, times: [] },
      { name: 'generated explain', f: (r) => gen.evaluate(r as TypedRecord, true), records: tenth, times: [] },
      { name: 'closures explain', f: (r) => clo.evaluate(r as TypedRecord, true), records: tenth, times: [] },
    ];
    if (set.hand) cands.push({ name: 'hand', f: set.hand, records: plain, times: [] });
    const medians = alternate(cands, runs);
    const ns = (i: number) => (medians[i]! * 1e6) / cands[i]!.records.length;
    return {
      ruleSet: set.name,
      records: plain.length,
      generated: ns(0),
      closures: ns(1),
      generatedReaders: ns(2),
      closuresReaders: ns(3),
      generatedExplain: ns(4),
      closuresExplain: ns(5),
      ...(set.hand ? { hand: ns(6) } : {}),
      mismatches,
    };
  }
}

export function closureTable(rows: readonly ClosureComparisonRow[], runs: number, isolated = false): string {
  const f = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(0)} µs` : x >= 1000 ? `${(x / 1000).toFixed(1)} µs` : `${x.toFixed(0)} ns`);
  const r = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return [
    `### Engine: closures (no code generation) vs generated code, per rule set — ns per record, median of ${runs} alternating runs`,
    '',
    '| rule set | records | hand-written | generated | closures | closures ÷ generated | generated, readers | closures, readers | ÷ | generated, explain | closures, explain | ÷ | mismatches |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (x) =>
        `| ${x.ruleSet} | ${x.records.toLocaleString('en')} | ${x.hand === undefined ? '–' : f(x.hand)} | ${f(x.generated)} | ${f(x.closures)} | ${r(x.closures, x.generated)} | ` +
        `${f(x.generatedReaders)} | ${f(x.closuresReaders)} | ${r(x.closuresReaders, x.generatedReaders)} | ${f(x.generatedExplain)} | ${f(x.closuresExplain)} | ${r(x.closuresExplain, x.generatedExplain)} | ${x.mismatches} |`,
    ),
    '',
    "Target (issue 10): closures within 2–3× of generated code on every rule set. Records: plain objects (optional fields absent or null), " +
      "and each screener's own reader records (validateJson); explanations on a tenth of the records. Mismatches: outcomes (and, on the first 1,000 records, explanations) of closures vs generated code, and vs the hand-written function where there is one." +
      (isolated
        ? ' Each rule set runs in a Node process of its own (as a `visit screen` worker compiles one screener): closures made from one function literal share ' +
          "V8's type feedback across screeners, generated functions do not, so a process that has compiled other rules first runs the closures slower."
        : ''),
  ].join('\n');
}
