// Engine evaluation throughput (the issue's performance target): the Tre hovedveje rules of
// LANGUAGE.md §1 over 1,000,000 in-memory typed records, side by side with a hand-written
// three-valued function, json-logic-js on the compiled JSON Logic and json-logic-engine's compiled
// mode. Medians of several runs; every evaluator's outcomes are checked against the hand-written
// function's on every record (mismatches must be 0). Built with esbuild by bench/engine.mjs.
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

type Rec = Record<string, string | number | boolean | null | undefined>;

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

export async function run(libraries: JsonLogicLibraries, options: { records?: number; runs?: number } = {}): Promise<EngineBenchResult> {
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
  const typed = records.map((r) => {
    const v = screener.validateJson(r);
    if (!v.ok) throw new Error(`generated record is invalid: ${v.errors.join('; ')}`);
    return v.record;
  });

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
      candidate('Visit closures (records from the readers)', typed, (r) => closures.evaluate(r as TypedRecord)),
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
