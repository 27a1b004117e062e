// Random valid rule files (as source text) and random records, for the differential tests (the
// engine's, and the CLI's over real files). Files use one fixed record declaration with every field
// type, and random params, lets, groups and programmes over every expression form; lets and groups
// are made in one random sequence where each may use any made before it (lets use groups, groups
// use lets and groups), and declarations are printed in a random order. The text is written the way
// people write it: redundant brackets, lines that begin or end with a bracket, line breaks and
// comments between any two tokens, Danish letters in names, CRLF line ends sometimes. Records leave
// fields out or null, and put dates around month ends, leap days and the calendar thresholds of the
// reference date.
import fc from 'fast-check';
import type { Unit } from '@visit/dsl';
import { addUnits } from '../../src/calendar';

/** A source of random choices (fast-check's `fc.gen()` in the tests, so that failures shrink). */
export interface Draw {
  /** An integer from `min` to `max`, inclusive. */
  int(min: number, max: number): number;
}

export function drawFrom(g: fc.GeneratorValue): Draw {
  return { int: (min, max) => g(fc.integer, { min, max }) };
}

function pick<T>(d: Draw, xs: readonly T[]): T {
  return xs[d.int(0, xs.length - 1)]!;
}

function chance(d: Draw, percent: number): boolean {
  return d.int(1, 100) <= percent;
}

/** Every field type: text, boolean, date, number and integer with ranges and units, enums, optional. */
export const RECORD_DECLARATION = `record Person {
  id:        text key personal            "CPR-nummer"
  name:      text optional                "Navn"
  motivated: boolean optional             "Ønsker selv at deltage"
  mobile:    boolean optional
  born:      date                         "Fødselsdato"
  since:     date optional                "Ledig siden"
  checked:   date optional
  score:     number 0..100 optional
  level:     integer 1..5 optional        "Læseniveau"
  antal_uger:      integer 0..520 in weeks optional
  antal_dage:      number in days optional
  antal_måneder:   integer in months optional
  antal_år:        number 0..120 in years optional
  benefit:   one of (dagpenge, kontanthjaelp, sygedagpenge)
  previous:  one of (dagpenge, kontanthjaelp, sygedagpenge) optional
  education: one of (none, vocational, bachelor) optional
}`;

type NumUnit = 'plain' | Unit;
type EnumName = 'benefit' | 'education';
type Sort = { kind: 'bool' } | { kind: 'num'; unit: NumUnit } | { kind: 'date' } | { kind: 'text' } | { kind: 'span' } | { kind: 'enum'; of: EnumName };

const ENUM_VALUES: Record<EnumName, readonly string[]> = {
  benefit: ['dagpenge', 'kontanthjaelp', 'sygedagpenge'],
  education: ['none', 'vocational', 'bachelor'],
};
const ENUM_FIELDS: Record<EnumName, readonly string[]> = { benefit: ['benefit', 'previous'], education: ['education'] };
const NUM_FIELDS: Record<NumUnit, readonly string[]> = {
  plain: ['score', 'level'],
  days: ['antal_dage'],
  weeks: ['antal_uger'],
  months: ['antal_måneder'],
  years: ['antal_år'],
};
const DATE_FIELDS = ['born', 'since', 'checked'] as const;
const BOOL_FIELDS = ['motivated', 'mobile'] as const;
const UNITS: readonly Unit[] = ['days', 'weeks', 'months', 'years'];
const SMALLER: Partial<Record<Unit, Unit>> = { weeks: 'days', years: 'months' };
const LARGER: Partial<Record<Unit, Unit>> = { days: 'weeks', months: 'years' };

const NUMBERS = [0, 1, 2, 3, 5, 7, 12, 26, 52, 100, 0.5, 2.5, 0.1, 0.2, 1000, 182.5] as const;
/** 12000 years is beyond any span between two 4-digit-year dates. */
const AMOUNTS = [0, 1, 2, 3, 6, 12, 18, 26, 29, 30, 49, 50, 52, 65, 100, 0.5, 2.5, 365, 12000] as const;
/** Month ends, leap days and the day before/after them. */
export const SPECIAL_DATES = [
  '2000-02-29', '1972-02-29', '2024-02-29', '2028-02-29', '2023-02-28', '2024-03-01', '2023-01-31', '2023-03-31',
  '2025-12-31', '2026-01-01', '1996-11-23', '1976-11-24', '2026-05-23', '1999-12-31', '2026-11-23',
] as const;
const TEXTS = ['Anna', 'Bo', 'Æsa', '"quoted"'] as const;
const LABELS = ['Målgruppe', 'Unge under 30', 'Læser på niveau 3', 'Sagt "ja"', 'x'] as const;

function numberText(n: number): string {
  return String(n);
}

function unitWord(d: Draw, unit: Unit, amount: number): string {
  // Singular and plural are both accepted whatever the amount.
  return chance(d, 50) ? unit : amount === 1 || chance(d, 30) ? unit.slice(0, -1) : unit;
}

function textLiteral(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface Declared {
  name: string;
  sort: Sort;
  /** A duration literal (or a param of one), usable as a calendar comparison's fixed side. */
  fixed: boolean;
  /** For a let that is a param's name: that param. */
  aliasOf?: string;
  /** Used in arithmetic or a numeric comparison (so an override must keep the unit family). */
  usedAsNumber?: boolean;
  /** A param's override value, as source text, when the file overrides it. */
  override?: string;
}

/** A generated rule file; `params` are overrides as literal source text. */
export interface GeneratedFile {
  source: string;
  params: Record<string, string>;
}

class FileBuilder {
  readonly lets: Declared[] = [];
  readonly params: Declared[] = [];
  /** The groups made so far: lets and groups may use them (made in one sequence, so no cycles). */
  groups: string[] = [];

  constructor(private readonly d: Draw) {}

  private declared(kind: Sort['kind'], test: (s: Sort) => boolean = () => true): string[] {
    return [...this.lets, ...this.params].filter((x) => x.sort.kind === kind && test(x.sort)).map((x) => x.name);
  }

  // ---------------------------------------------------------------- conditions

  /** A condition, sometimes in brackets it does not need (`((a))`, `(n > 3)`). */
  bool(depth: number): string {
    const c = this.condition(depth);
    return chance(this.d, 10) ? `(${c})` : c;
  }

  private condition(depth: number): string {
    const d = this.d;
    const p = (s: string) => `(${s})`;
    const choice = d.int(0, depth > 0 ? 15 : 8);
    switch (choice) {
      case 0: {
        const refs = [...BOOL_FIELDS, ...this.declared('bool'), ...this.groups];
        return chance(d, 10) ? pick(d, ['true', 'false']) : pick(d, refs);
      }
      case 1:
        return this.numComparison(Math.min(depth, 2));
      case 2:
        return this.dateComparison();
      case 3:
        return this.calendarComparison();
      case 4:
        return this.enumComparison();
      case 5:
        return this.textComparison();
      case 6:
        return this.membership();
      case 7:
        return this.presence(depth);
      case 8:
        return this.between(Math.min(depth, 1));
      case 9:
      case 10: {
        const op = pick(d, ['and', 'or', '&&', '||']);
        return `${p(this.bool(depth - 1))} ${op} ${p(this.bool(depth - 1))}`;
      }
      case 11:
        return `${pick(d, ['not ', '!'])}${p(this.bool(depth - 1))}`;
      case 12: {
        const m = d.int(1, 4);
        const items = Array.from({ length: m }, () => this.bool(depth - 1));
        return `at least ${d.int(0, m + 1)} of (${items.join(', ')})`;
      }
      case 13: {
        const op = pick(d, ['=', '==', '!=']);
        const right = chance(d, 25) ? pick(d, ['true', 'false']) : p(this.bool(depth - 1));
        const left = p(this.bool(depth - 1));
        return `${left} ${op} ${right}`;
      }
      case 14:
        return `${pick(d, BOOL_FIELDS)} ${pick(d, ['in', 'not in'])} (${chance(d, 50) ? pick(d, ['true', 'false']) : 'true, false'})`;
      default:
        return this.bool(depth - 1);
    }
  }

  private op(ordered: boolean): string {
    return ordered ? pick(this.d, ['=', '==', '!=', '<', '<=', '>', '>=']) : pick(this.d, ['=', '==', '!=']);
  }

  /** Two unit types that compare or add: equal, one plain, or days↔weeks / months↔years. */
  private compatiblePair(): [NumUnit, NumUnit] {
    const d = this.d;
    const u = pick(d, ['plain', ...UNITS] as const);
    if (u === 'plain') return ['plain', chance(d, 70) ? 'plain' : pick(d, UNITS)];
    const other: NumUnit = chance(d, 40) ? u : chance(d, 50) ? 'plain' : (SMALLER[u] ?? LARGER[u]!);
    return chance(d, 50) ? [u, other] : [other, u];
  }

  private numComparison(depth: number): string {
    const [a, b] = this.compatiblePair();
    return `(${this.num(a, depth)}) ${this.op(true)} (${this.num(b, depth)})`;
  }

  private dateComparison(): string {
    return `${this.date()} ${this.op(true)} ${this.date()}`;
  }

  private calendarComparison(): string {
    const span = this.span();
    const duration = this.fixedDuration();
    return chance(this.d, 75) ? `${span} ${this.op(true)} ${duration}` : `${duration} ${this.op(true)} ${span}`;
  }

  private enumComparison(): string {
    const d = this.d;
    const which = pick(d, ['benefit', 'education'] as const);
    const left = this.enumValue(which, false);
    const right = this.enumValue(which, true);
    return chance(d, 50) ? `${left} ${this.op(false)} ${right}` : `${right} ${this.op(false)} ${left}`;
  }

  /** An enum-typed expression; with `literal`, possibly a bare value or its text. */
  private enumValue(which: EnumName, literal: boolean): string {
    const d = this.d;
    if (literal && chance(d, 70)) {
      const v = pick(d, ENUM_VALUES[which]);
      return chance(d, 80) ? v : textLiteral(v);
    }
    return pick(d, [...ENUM_FIELDS[which], ...this.declared('enum', (s) => s.kind === 'enum' && s.of === which)]);
  }

  private textComparison(): string {
    const d = this.d;
    const left = pick(d, ['name', 'id', ...this.declared('text')]);
    const right = chance(d, 30) ? pick(d, ['name', ...this.declared('text')]) : textLiteral(pick(d, TEXTS));
    return `${left} ${this.op(false)} ${right}`;
  }

  private membership(): string {
    const d = this.d;
    const not = pick(d, ['in', 'not in']);
    const n = d.int(1, 4);
    switch (d.int(0, 3)) {
      case 0: {
        const which = pick(d, ['benefit', 'education'] as const);
        const items = Array.from({ length: n }, () => {
          const v = pick(d, ENUM_VALUES[which]);
          return chance(d, 80) ? v : textLiteral(v);
        });
        return `${this.enumValue(which, false)} ${not} (${items.join(', ')})`;
      }
      case 1:
        return `${pick(d, ['name', ...this.declared('text')])} ${not} (${Array.from({ length: n }, () => textLiteral(pick(d, TEXTS))).join(', ')})`;
      default: {
        const unit = pick(d, ['plain', ...UNITS] as const);
        const items = Array.from({ length: n }, () => this.numberItem(unit));
        return `(${this.num(unit, 1)}) ${not} (${items.join(', ')})`;
      }
    }
  }

  /** A literal that may stand in a numeric `in` list for a value in `unit`. */
  private numberItem(unit: NumUnit): string {
    const d = this.d;
    const n = pick(d, NUMBERS);
    const sign = chance(d, 10) ? '-' : '';
    if (unit === 'plain' || chance(d, 30)) return `${sign}${numberText(n)}`;
    const u = chance(d, 50) ? unit : (SMALLER[unit] ?? LARGER[unit]!);
    return `${sign}${numberText(n)} ${unitWord(d, u, n)}`;
  }

  private presence(depth: number): string {
    const d = this.d;
    const test = pick(d, ['is known', 'is missing']);
    let subject: string;
    switch (d.int(0, 6)) {
      case 0:
        subject = pick(d, ['name', 'motivated', 'since', 'level', 'antal_uger', 'previous', 'education', 'born']);
        break;
      case 1:
        subject = `(${this.num(pick(d, ['plain', ...UNITS] as const), 1)})`;
        break;
      case 2:
        subject = this.span();
        break;
      case 3:
        subject = `(${this.bool(Math.max(0, depth - 1))})`;
        break;
      case 4:
        subject = this.date();
        break;
      case 5:
        subject = this.enumValue(pick(d, ['benefit', 'education'] as const), false);
        break;
      default:
        subject = pick(d, ['name', ...this.declared('text')]);
    }
    return `${subject} ${test}`;
  }

  private between(depth: number): string {
    const d = this.d;
    switch (d.int(0, 3)) {
      case 0: {
        const [a, b] = this.compatiblePair();
        const c = chance(d, 50) ? a : b;
        return `(${this.num(a, depth)}) between (${this.num(b, depth)}) and (${this.num(c, depth)})`;
      }
      case 1:
        return `${this.date()} between ${this.date()} and ${this.date()}`;
      case 2:
        return `${this.span()} between ${this.fixedDuration()} and ${this.fixedDuration()}`;
      default:
        // A fixed duration between two calendar spans (each half mirrors).
        return `${this.fixedDuration()} between ${this.span()} and ${this.span()}`;
    }
  }

  // ---------------------------------------------------------------- values

  /** A numeric expression whose type has exactly `unit` (or none, for 'plain'). */
  num(unit: NumUnit, depth: number): string {
    const d = this.d;
    const p = (s: string) => `(${s})`;
    const leaf = (): string => {
      const refs = [...NUM_FIELDS[unit], ...this.declared('num', (s) => s.kind === 'num' && s.unit === unit)];
      if (chance(d, 55)) return this.usedAsNumber(pick(d, refs));
      const n = pick(d, NUMBERS);
      return unit === 'plain' ? numberText(n) : `${numberText(n)} ${unitWord(d, unit, n)}`;
    };
    if (depth <= 0 || chance(d, 35)) return leaf();
    const sub = (u: NumUnit) => p(this.num(u, depth - 1));
    switch (d.int(0, 6)) {
      case 0:
      case 1: {
        // + and −: same unit, one plain, or the larger unit of the family (converted).
        const op = pick(d, ['+', '-']);
        if (unit === 'plain') return `${sub('plain')} ${op} ${sub('plain')}`;
        const other: NumUnit = chance(d, 40) ? unit : chance(d, 50) ? 'plain' : (LARGER[unit] ?? unit);
        return chance(d, 50) ? `${sub(unit)} ${op} ${sub(other)}` : `${sub(other)} ${op} ${sub(unit)}`;
      }
      case 2:
        return chance(d, 50) ? `${sub(unit)} * ${sub('plain')}` : `${sub('plain')} * ${sub(unit)}`;
      case 3:
        if (unit === 'plain' && chance(d, 40)) {
          // A ratio of two durations of one family is a plain number.
          const u = pick(d, UNITS);
          const v: Unit = chance(d, 50) ? u : (SMALLER[u] ?? LARGER[u]!);
          return `${sub(u)} / ${sub(v)}`;
        }
        return `${sub(unit)} / ${sub('plain')}`;
      case 4:
        return `-${sub(unit)}`;
      default:
        return leaf();
    }
  }

  date(): string {
    const d = this.d;
    const refs = [...DATE_FIELDS, ...this.declared('date')];
    return chance(d, 70) ? pick(d, refs) : pick(d, SPECIAL_DATES);
  }

  span(): string {
    const d = this.d;
    const lets = this.declared('span');
    if (lets.length > 0 && chance(d, 40)) return pick(d, lets);
    const arg = chance(d, 85) ? pick(d, [...DATE_FIELDS]) : this.date();
    return `${pick(d, ['age_of', 'time_since'])}(${arg})`;
  }

  /** A duration literal, a duration param, or a let of one (a calendar comparison's other side). */
  fixedDuration(): string {
    const d = this.d;
    const refs = [...this.lets, ...this.params].filter((x) => x.fixed).map((x) => x.name);
    if (refs.length > 0 && chance(d, 35)) {
      // Compared with a calendar span only, a duration param may be overridden in any unit, also
      // inside `=` between conditions and through lets (the checker tracks uses, not places).
      return pick(d, refs);
    }
    const n = pick(d, AMOUNTS);
    const literal = `${numberText(n)} ${unitWord(d, pick(d, UNITS), n)}`;
    return chance(d, 5) ? `-(${literal})` : literal;
  }

  // ---------------------------------------------------------------- declarations

  private usedAsNumber(name: string): string {
    const x = [...this.lets, ...this.params].find((y) => y.name === name);
    if (x) {
      x.usedAsNumber = true;
      if (x.aliasOf) this.usedAsNumber(x.aliasOf);
    }
    return name;
  }

  /** Overrides for some params: a duration may change unit, within its family if used as a number. */
  overrides(): Record<string, string> {
    const d = this.d;
    const out: Record<string, string> = {};
    for (const p of this.params) {
      if (p.override === undefined || !chance(d, 30)) continue;
      if (p.sort.kind === 'num' && p.sort.unit !== 'plain') {
        const unit = p.sort.unit;
        const family: readonly Unit[] = p.usedAsNumber ? [unit, SMALLER[unit] ?? LARGER[unit]!] : UNITS;
        const amount = pick(d, AMOUNTS);
        out[p.name] = `${numberText(amount)} ${unitWord(d, pick(d, family), amount)}`;
      } else out[p.name] = p.override;
    }
    return out;
  }

  param(name: string): string {
    const d = this.d;
    const k = d.int(0, 5);
    const n = pick(d, NUMBERS);
    const sign = chance(d, 20) ? '-' : '';
    let declared: Declared;
    let text: string;
    let override: string | undefined;
    switch (k) {
      case 0:
        declared = { name, sort: { kind: 'num', unit: 'plain' }, fixed: false };
        text = `${sign}${numberText(n)}`;
        override = numberText(pick(d, NUMBERS));
        break;
      case 1:
      case 2: {
        const unit = pick(d, UNITS);
        const amount = pick(d, AMOUNTS);
        declared = { name, sort: { kind: 'num', unit }, fixed: true };
        text = `${numberText(amount)} ${unitWord(d, unit, amount)}`;
        override = text;
        break;
      }
      case 3:
        declared = { name, sort: { kind: 'date' }, fixed: false };
        text = pick(d, SPECIAL_DATES);
        override = pick(d, SPECIAL_DATES);
        break;
      case 4:
        declared = { name, sort: { kind: 'text' }, fixed: false };
        text = textLiteral(pick(d, TEXTS));
        override = textLiteral(pick(d, TEXTS));
        break;
      default:
        declared = { name, sort: { kind: 'bool' }, fixed: false };
        text = pick(d, ['true', 'false']);
        override = pick(d, ['true', 'false']);
    }
    this.params.push({ ...declared, override });
    const label = chance(this.d, 30) ? ` ${textLiteral(pick(this.d, LABELS))}` : '';
    return `param ${name} = ${text}${label}`;
  }

  let(name: string): string {
    const d = this.d;
    let declared: Declared;
    let value: string;
    switch (d.int(0, 7)) {
      case 0:
      case 1:
        declared = { name, sort: { kind: 'bool' }, fixed: false };
        value = this.bool(2);
        break;
      case 2: {
        const unit = pick(d, ['plain', ...UNITS] as const);
        declared = { name, sort: { kind: 'num', unit }, fixed: false };
        value = this.num(unit, 2);
        break;
      }
      case 3: {
        // A fixed duration: a literal, or a duration param's name.
        const durationParams = this.params.filter((p) => p.fixed);
        if (durationParams.length > 0 && chance(d, 40)) {
          const p = pick(d, durationParams);
          declared = { name, sort: p.sort, fixed: true, aliasOf: p.name };
          value = p.name;
          break;
        }
        const unit = pick(d, UNITS);
        const amount = pick(d, AMOUNTS);
        declared = { name, sort: { kind: 'num', unit }, fixed: true };
        value = `${numberText(amount)} ${unitWord(d, unit, amount)}`;
        break;
      }
      case 4:
      case 5:
        declared = { name, sort: { kind: 'span' }, fixed: false };
        value = this.span();
        break;
      case 6:
        declared = { name, sort: { kind: 'date' }, fixed: false };
        value = this.date();
        break;
      default: {
        const which = pick(d, ['benefit', 'education'] as const);
        declared = { name, sort: { kind: 'enum', of: which }, fixed: false };
        value = pick(d, ENUM_FIELDS[which]);
      }
    }
    this.lets.push(declared);
    return `let ${name} = ${value}`;
  }

  label(): string {
    return chance(this.d, 50) ? ` ${textLiteral(pick(this.d, LABELS))}` : '';
  }
}

const PARAM_NAMES = ['min_læs', 'p_2', 'grænse_3'];
const LET_NAMES = ['alder_å', 'l_2', 'Ørsted_3', 'l_4'];
const GROUP_NAMES = ['g_1', 'målgruppe', 'ældre_Øst', 'g_4'];

export interface GenerateOptions {
  /** Vary the text (comments, line breaks, spacing, declaration order, CRLF); default true. */
  varied?: boolean;
}

const BLOCK_COMMENTS = ['/* bemærk */', '/* (se § 3) */', '/**/', '/* a ) b ( */', '/* "citat" */'];
const LINE_COMMENTS = ['// kommentar', '// (gl. regel)', '//', '// ændret 2026-01-01 :)', '// virker det? ('];

/**
 * Rewrites the spaces between tokens of a declaration (outside text literals) as people do: mostly
 * one space, sometimes a line break with indentation, two spaces or a tab, a block comment, or a
 * line comment and a line break.
 */
function varySpacing(d: Draw, text: string): string {
  let out = '';
  let inText = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inText) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inText = false;
      continue;
    }
    if (ch === '"') inText = true;
    if (ch !== ' ') {
      out += ch;
      continue;
    }
    const k = d.int(1, 100);
    if (k <= 80) out += ' ';
    else if (k <= 88) out += pick(d, ['\n    ', '\n  ', '\n']);
    else if (k <= 92) out += pick(d, ['  ', '\t', ' \t ']);
    else if (k <= 96) out += ` ${pick(d, BLOCK_COMMENTS)} `;
    else out += ` ${pick(d, LINE_COMMENTS)}\n    `;
  }
  return out;
}

/** One random rule file that must check clean. */
export function generateFile(d: Draw, options: GenerateOptions = {}): GeneratedFile {
  const varied = options.varied ?? true;
  const text = (declaration: string) => (varied ? varySpacing(d, declaration) : declaration);
  const b = new FileBuilder(d);
  const declarations: string[] = [];
  for (let i = 1, n = d.int(0, 3); i <= n; i++) declarations.push(text(b.param(PARAM_NAMES[i - 1]!)));
  // Lets and groups in one sequence: each may use the groups (and lets) made before it.
  const letCount = d.int(0, 4);
  const groupCount = d.int(1, 4);
  for (let lets = 0, groups = 0; lets < letCount || groups < groupCount; ) {
    if (lets < letCount && (groups >= groupCount || chance(d, 50))) {
      declarations.push(text(b.let(LET_NAMES[lets++]!)));
    } else {
      const name = GROUP_NAMES[groups++]!;
      declarations.push(text(`group ${name}${b.label()} = ${b.bool(d.int(0, 3))}`));
      b.groups = [...b.groups, name];
    }
  }
  for (let i = 1, n = d.int(1, 2); i <= n; i++) {
    const lines: string[] = [];
    for (let j = 0, m = d.int(1, 4); j < m; j++) lines.push(`  ${text(`${pick(d, ['require', 'require', 'exclude'])} ${b.bool(d.int(0, 3))}${b.label()}`)}`);
    declarations.push(`program prog_${i}${b.label()} {${varied && chance(d, 20) ? ` ${pick(d, LINE_COMMENTS)}` : ''}\n${lines.join('\n')}\n}`);
  }
  if (!varied) return { source: `${[RECORD_DECLARATION, ...declarations].join('\n\n')}\n`, params: b.overrides() };
  // Declarations may come in any order (§3), the record too.
  for (let i = declarations.length - 1; i > 0; i--) {
    const j = d.int(0, i);
    [declarations[i], declarations[j]] = [declarations[j]!, declarations[i]!];
  }
  declarations.splice(chance(d, 70) ? 0 : d.int(0, declarations.length), 0, RECORD_DECLARATION);
  const separated = declarations.map((x, i) => (i === 0 ? x : `${pick(d, ['\n\n', '\n', '\n\n// ——— næste afsnit ———\n', '\n/* blok */\n'])}${x}`));
  let source = `${chance(d, 20) ? '// Regler for visitation (æøå)\n' : ''}${separated.join('')}\n`;
  if (chance(d, 15)) source = source.replace(/\n/g, '\r\n');
  return { source, params: b.overrides() };
}

// ------------------------------------------------------------------ records

/** A date relative to the reference date (k units back, then shifted by some days), or a fixed one. */
type DateSpec = { at: string } | { back: number; unit: Unit; shift: number };
type FieldSpec = { kind: 'absent' } | { kind: 'null' } | { kind: 'value'; value: string | number | boolean | DateSpec };

const dateSpec: fc.Arbitrary<DateSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ back: fc.constantFrom(...AMOUNTS.filter((n) => Number.isInteger(n) && n <= 365), -1, -12), unit: fc.constantFrom(...UNITS), shift: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constantFrom(...SPECIAL_DATES) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((t) => t.toISOString().slice(0, 10)) }) },
);

const valueArbitraries: Record<string, fc.Arbitrary<string | number | boolean | DateSpec>> = {
  // A CSV writer must quote the last one (a delimiter of either kind and quotes).
  name: fc.constantFrom('Anna', 'Bo', 'Æsa', '"quoted"', 'Carl', 'Hansen; Bo, "jr."'),
  motivated: fc.boolean(),
  mobile: fc.boolean(),
  born: dateSpec,
  since: dateSpec,
  checked: dateSpec,
  score: fc.oneof(fc.constantFrom(0, 0.5, 3, 33.3, 50, 99.9, 100), fc.integer({ min: 0, max: 100 })),
  level: fc.integer({ min: 1, max: 5 }),
  antal_uger: fc.oneof(fc.constantFrom(0, 1, 2, 4, 26, 52, 520), fc.integer({ min: 0, max: 520 })),
  antal_dage: fc.oneof(fc.constantFrom(-3.5, 0, -0, 1, 6, 7, 13, 14, 182, 182.5, 365, 5000), fc.integer({ min: -10, max: 4000 })),
  antal_måneder: fc.oneof(fc.constantFrom(-1, 0, 1, 6, 11, 12, 13, 24, 600), fc.integer({ min: -5, max: 240 })),
  antal_år: fc.constantFrom(0, 0.5, 1, 2.5, 18, 30, 49.99, 50, 120),
  benefit: fc.constantFrom('dagpenge', 'kontanthjaelp', 'sygedagpenge'),
  previous: fc.constantFrom('dagpenge', 'kontanthjaelp', 'sygedagpenge'),
  education: fc.constantFrom('none', 'vocational', 'bachelor'),
};

/** Fields that are not optional: always present in a record. */
export const REQUIRED = new Set(['id', 'born', 'benefit']);

/** The kind of each field of RECORD_DECLARATION (to write records as CSV and NDJSON). */
export const FIELD_KINDS: Record<string, 'text' | 'boolean' | 'date' | 'number' | 'integer' | 'enum'> = {
  id: 'text',
  name: 'text',
  motivated: 'boolean',
  mobile: 'boolean',
  born: 'date',
  since: 'date',
  checked: 'date',
  score: 'number',
  level: 'integer',
  antal_uger: 'integer',
  antal_dage: 'number',
  antal_måneder: 'integer',
  antal_år: 'number',
  benefit: 'enum',
  previous: 'enum',
  education: 'enum',
};

export type RecordSpec = Record<string, FieldSpec>;

export const recordSpec: fc.Arbitrary<RecordSpec> = fc.record(
  Object.fromEntries(
    Object.entries(valueArbitraries).map(([name, arb]) => [
      name,
      REQUIRED.has(name)
        ? arb.map((value): FieldSpec => ({ kind: 'value', value }))
        : fc.oneof(
            { weight: 2, arbitrary: fc.constant<FieldSpec>({ kind: 'absent' }) },
            { weight: 1, arbitrary: fc.constant<FieldSpec>({ kind: 'null' }) },
            { weight: 5, arbitrary: arb.map((value): FieldSpec => ({ kind: 'value', value })) },
          ),
    ]),
  ),
);

/** A record as the engine reads it: dates as ISO strings, missing fields absent or null. */
export function materializeRecord(spec: RecordSpec, asOf: string, row: number): Record<string, unknown> {
  const record: Record<string, unknown> = { id: `01017${String(row).padStart(5, '0')}` };
  for (const [name, f] of Object.entries(spec)) {
    if (f.kind === 'absent') continue;
    if (f.kind === 'null') {
      record[name] = null;
      continue;
    }
    const v = f.value;
    record[name] = typeof v === 'object' ? ('at' in v ? v.at : addUnits(addUnits(asOf, -v.back, v.unit), v.shift, 'days')) : v;
  }
  return record;
}

/** Reference dates: any day 1990–2035, with leap days and month ends often. */
export const asOfDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2024-02-29', '2028-02-29', '2026-11-23', '2025-12-31', '2026-02-28', '2026-03-31', '2025-01-31', '2023-03-01', '2100-02-28'),
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((t) => t.toISOString().slice(0, 10)),
);
