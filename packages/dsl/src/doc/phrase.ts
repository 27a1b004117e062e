// Expressions in plain words (`visit doc`): a statement ("ydelse er dagpenge"; in Danish with the word
// order of a clause after at/når/hvor, where it is always used: "ydelse ikke er dagpenge"), a requirement
// ("Ydelse skal være dagpenge") and a value ("borgerens alder"). Negation is pushed into the
// words where it reads better: `not (x < 3)` says "x er mindst 3", an exclude of `a or b` says
// "a må ikke …, og b må ikke …" (the same in three-valued logic: Kleene's not is De Morgan's).
import * as A from '../ast';
import { maskCprNumbers } from '../check/personal';
import type { CheckedFile } from '../check/types';
import { dayNumber, periodsOf, versionOn } from '../check/versions';
import { dateText, durationText, joinWords, numberText, type DocLang } from './words';

export interface PhraseContext {
  lang: DocLang;
  checked: CheckedFile;
  /** The reference date: a dated param is shown with its value on this day. */
  asOf?: string;
}

/** A criterion in words: as a statement (it holds) and as a demand (it must hold). */
interface Clause {
  stmt: string;
  modal: string;
}

type Op = A.ComparisonOperator;
const NEGATED: Record<Op, Op> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const MIRRORED: Record<Op, Op> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** "Ydelse skal være dagpenge." — the sentence of a require (positive) or exclude line. */
export function requirementSentence(line: A.RequirementLine, ctx: PhraseContext): string {
  return sentence(new Phraser(ctx).clause(line.condition, line.mode === 'require').modal);
}

/** "ydelse er dagpenge" — the criterion as a statement (no capital, no full stop). */
export function statement(e: A.Expression, ctx: PhraseContext): string {
  return new Phraser(ctx).clause(e, true).stmt;
}

/** A let's value or any expression as a noun phrase ("borgerens alder"), a statement if boolean. */
export function valuePhrase(e: A.Expression, ctx: PhraseContext): string {
  const p = new Phraser(ctx);
  return p.isBoolean(e) ? p.clause(e, true).stmt : p.value(e);
}

/** A literal or any value as words ("1. juli 2025", "6 måneder", "ja"). */
export function valueText(e: A.Expression, ctx: PhraseContext): string {
  return new Phraser(ctx).value(e);
}

export function sentence(s: string): string {
  const t = s.trim();
  if (t === '') return t;
  const first = t.codePointAt(0)!;
  const head = String.fromCodePoint(first);
  return `${head.toLocaleUpperCase('da')}${t.slice(head.length)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** A label mid-sentence: "Ydelse" → "ydelse", but "CV er klar" and "FVU" stay. */
export function midSentence(label: string): string {
  const chars = [...label];
  if (chars.length >= 2 && /\p{Lu}/u.test(chars[0]!) && /\p{Ll}/u.test(chars[1]!)) return chars[0]!.toLocaleLowerCase('da') + chars.slice(1).join('');
  return label;
}

/** A name as words: `unemployed_since` → "unemployed since". */
export function nameWords(name: string): string {
  return name.replace(/_+/g, ' ').trim() || name;
}

class Phraser {
  private readonly da: boolean;
  constructor(private readonly ctx: PhraseContext) {
    this.da = ctx.lang === 'da';
  }

  private q(s: string): string {
    return this.da ? `«${s}»` : `“${s}”`;
  }

  isBoolean(e: A.Expression): boolean {
    const t = this.ctx.checked.types.get(e.id);
    if (t) return t.kind === 'boolean';
    return ['Comparison', 'Logical', 'Not', 'Between', 'In', 'Is', 'AtLeast', 'Boolean'].includes(e.kind) ||
      (e.kind === 'Call' && ['any', 'all', 'none'].includes(e.callee.text));
  }

  private typeKind(e: A.Expression): string | undefined {
    return this.ctx.checked.types.get(e.id)?.kind;
  }

  // ---------------------------------------------------------------- clauses

  /** `positive`: the criterion itself; otherwise its negation. */
  clause(e: A.Expression, positive: boolean): Clause {
    switch (e.kind) {
      case 'Not':
        return this.clause(e.operand, !positive);
      case 'Comparison':
        return this.comparison(e, positive);
      case 'Logical':
        return this.logical(e, positive);
      case 'Between': {
        const low = this.value(e.low);
        const high = this.value(e.high);
        const range = this.da ? `mellem ${this.collapse(e.low, e.high, low, high)} og ${high}` : `between ${this.collapse(e.low, e.high, low, high)} and ${high}`;
        return this.copula(this.subject(e.value), range, positive);
      }
      case 'In': {
        const items = e.items.map((i) => this.value(i));
        const pos = positive !== e.negated;
        if (!this.da && !pos && items.length >= 2) {
          const c = items.length === 2 ? `neither ${items[0]} nor ${items[1]}` : `none of ${joinWords(items, 'and')}`;
          return this.copula(this.subject(e.value), c, true);
        }
        return this.copula(this.subject(e.value), joinWords(items, this.da ? 'eller' : 'or'), pos);
      }
      case 'Is':
        return this.presence(e, positive);
      case 'AtLeast':
        return this.atLeast(e, positive);
      case 'Call':
        if (e.callee.text === 'any' || e.callee.text === 'none' || e.callee.text === 'all') return this.quantified(e, positive);
        return this.booleanValue(e, positive);
      case 'Boolean':
        return this.constant(e.value === positive);
      case 'Reference':
        return this.reference(e, positive);
      case 'ErrorExpression':
        return this.plain(this.da ? '(fejl i reglen)' : '(error in the rule)');
      default:
        return this.booleanValue(e, positive);
    }
  }

  private plain(s: string): Clause {
    return { stmt: s, modal: s };
  }

  private constant(holds: boolean): Clause {
    if (this.da) return { stmt: holds ? 'det gælder altid' : 'det gælder aldrig', modal: holds ? 'kravet er altid opfyldt' : 'kravet kan aldrig opfyldes' };
    return { stmt: holds ? 'this always holds' : 'this never holds', modal: holds ? 'the requirement is always met' : 'the requirement can never be met' };
  }

  /** "X er Y", "X skal være Y", "X må ikke være Y". */
  private copula(subject: string, complement: string, positive: boolean): Clause {
    if (this.da) {
      return positive
        ? { stmt: `${subject} er ${complement}`, modal: `${subject} skal være ${complement}` }
        : { stmt: `${subject} ikke er ${complement}`, modal: `${subject} må ikke være ${complement}` };
    }
    return positive
      ? { stmt: `${subject} is ${complement}`, modal: `${subject} must be ${complement}` }
      : { stmt: `${subject} is not ${complement}`, modal: `${subject} must not be ${complement}` };
  }

  private booleanValue(e: A.Expression, positive: boolean): Clause {
    const v = this.value(e);
    // « and “ as \u escapes: the `visit` bundle stays all ASCII, which it loads faster (scripts/build.mjs).
    return this.copula(/^[\u00ab\u201c(]/.test(v) ? v : this.q(v), positive ? (this.da ? 'ja' : 'yes') : this.da ? 'nej' : 'no', true);
  }

  private reference(e: A.Reference, positive: boolean): Clause {
    const r = this.ctx.checked.resolutions.get(e.id);
    if (r?.kind === 'group') {
      const g = this.groupOn(e.name) ?? r.decl;
      const name = this.q(g.label ? this.text(g.label.value) : nameWords(e.name));
      if (this.da) {
        return positive
          ? { stmt: `borgeren er i gruppen ${name}`, modal: `borgeren skal være i gruppen ${name}` }
          : { stmt: `borgeren ikke er i gruppen ${name}`, modal: `borgeren må ikke være i gruppen ${name}` };
      }
      return positive
        ? { stmt: `the citizen is in the group ${name}`, modal: `the citizen must be in the group ${name}` }
        : { stmt: `the citizen is not in the group ${name}`, modal: `the citizen must not be in the group ${name}` };
    }
    if (r?.kind === 'let') {
      const value = this.letValue(e.name);
      if (value && this.isBoolean(value)) return this.clause(value, positive);
    }
    const label = r?.kind === 'field' || r?.kind === 'element' ? r.decl.label?.value : undefined;
    return this.copula(this.q(label !== undefined ? this.text(label) : nameWords(e.name)), positive ? (this.da ? 'ja' : 'yes') : this.da ? 'nej' : 'no', true);
  }

  private presence(e: A.Presence, positive: boolean): Clause {
    const known = (e.test === 'known') === positive;
    const r = e.value.kind === 'Reference' ? this.ctx.checked.resolutions.get(e.value.id) : undefined;
    if (r?.kind === 'element' && r.decl.name.text === 'end' && this.ctx.checked.fieldTypes.get(r.list.name.text)?.kind === 'list') {
      const t = this.ctx.checked.fieldTypes.get(r.list.name.text);
      if (t?.kind === 'list' && t.period) {
        // §12: a missing end means the period is still running.
        if (this.da) return known ? { stmt: 'perioden er afsluttet', modal: 'perioden skal være afsluttet' } : { stmt: 'perioden løber stadig', modal: 'perioden skal stadig løbe' };
        return known ? { stmt: 'the period has ended', modal: 'the period must have ended' } : { stmt: 'the period is still running', modal: 'the period must still be running' };
      }
    }
    return this.copula(this.subject(e.value), this.da ? 'oplyst' : 'recorded', known);
  }

  private atLeast(e: A.AtLeast, positive: boolean): Clause {
    const n = e.count.value;
    const items = `(${e.items.map((i) => this.clause(i, true).stmt).join('; ')})`;
    if (this.da) {
      return positive
        ? { stmt: `mindst ${n} af følgende gælder: ${items}`, modal: `mindst ${n} af følgende skal gælde: ${items}` }
        : { stmt: `højst ${n - 1} af følgende gælder: ${items}`, modal: `højst ${n - 1} af følgende må gælde: ${items}` };
    }
    return positive
      ? { stmt: `at least ${n} of the following hold: ${items}`, modal: `at least ${n} of the following must hold: ${items}` }
      : { stmt: `at most ${n - 1} of the following hold: ${items}`, modal: `at most ${n - 1} of the following may hold: ${items}` };
  }

  private logical(e: A.Logical, positive: boolean): Clause {
    const items = flatten(e, e.op);
    const part = (i: A.Expression, pos: boolean) => {
      const c = this.clause(i, pos);
      // A chain of the other kind inside this one: "enten a eller b", "både a og b".
      const inner = i.kind === 'Logical' && i.op !== e.op && pos ? (i.op === 'or' ? (this.da ? 'enten ' : 'either ') : this.da ? 'både ' : 'both ') : '';
      return { stmt: inner + c.stmt, modal: c.modal };
    };
    const and = this.da ? 'og' : 'and';
    const or = this.da ? 'eller' : 'or';
    const groups = items.every((i) => i.kind === 'Reference' && this.ctx.checked.resolutions.get(i.id)?.kind === 'group');
    if (groups && e.op === 'or' && positive) {
      // "borgeren er i en af grupperne «A», «B» eller «C»"
      const names = joinWords(items.map((i) => this.value(i)), or);
      return this.da
        ? { stmt: `borgeren er i en af grupperne ${names}`, modal: `borgeren skal være i en af grupperne ${names}` }
        : { stmt: `the citizen is in one of the groups ${names}`, modal: `the citizen must be in one of the groups ${names}` };
    }
    if (e.op === 'and' && positive) {
      const parts = items.map((i) => part(i, true));
      return { stmt: joinWords(parts.map((p) => p.stmt), and), modal: joinWords(parts.map((p) => p.modal), and) };
    }
    if (e.op === 'or' && !positive) {
      // not (a or b) = not a and not b
      const parts = items.map((i) => this.clause(i, false));
      return { stmt: joinWords(parts.map((p) => p.stmt), and), modal: joinWords(parts.map((p) => p.modal), and) };
    }
    const stmt = joinWords(items.map((i) => part(i, true).stmt), e.op === 'and' ? and : or);
    if (positive) return { stmt, modal: this.da ? `det skal gælde, at ${stmt}` : `it must be the case that ${stmt}` };
    return this.da
      ? { stmt: `det ikke gælder, at ${stmt}`, modal: `det må ikke gælde, at ${stmt}` }
      : { stmt: `it is not the case that ${stmt}`, modal: `it must not be the case that ${stmt}` };
  }

  private comparison(e: A.Comparison, positive: boolean): Clause {
    let { left, right } = e;
    let op: Op = e.op;
    if (isConstant(left) && !isConstant(right)) {
      [left, right] = [right, left];
      op = MIRRORED[op];
    }
    // `motivated = true`, `x != false`: the condition itself
    if (right.kind === 'Boolean') return this.clause(left, (op === '=') === right.value ? positive : !positive);
    if (!positive) op = NEGATED[op];
    const call = this.calendarCall(left);
    const r = this.value(right);
    if (call?.callee.text === 'time_since') return this.timeSince(this.value(call.args[0]!), op, r, right);
    if (left.kind === 'Call' && left.callee.text === 'count') return this.count(left, op, r, right);
    if (left.kind === 'Call' && left.callee.text === 'time_in') return this.timeIn(left, op, r);
    const subject = this.subject(left);
    if (op === '=') return this.copula(subject, r, true);
    if (op === '!=') return this.copula(subject, r, false);
    const date = this.typeKind(left) === 'date' || this.typeKind(right) === 'date';
    const words: Record<'<' | '<=' | '>' | '>=', string> = this.da
      ? date
        ? { '<': 'før', '<=': 'senest', '>': 'efter', '>=': 'tidligst' }
        : { '<': 'under', '<=': 'højst', '>': 'over', '>=': 'mindst' }
      : date
        ? { '<': 'before', '<=': 'on or before', '>': 'after', '>=': 'on or after' }
        : call?.callee.text === 'age_of'
          ? { '<': 'under', '<=': 'at most', '>': 'over', '>=': 'at least' }
          : { '<': 'less than', '<=': 'at most', '>': 'more than', '>=': 'at least' };
    return this.copula(subject, `${words[op]} ${r}`, true);
  }

  private timeSince(since: string, op: Op, n: string, right: A.Expression): Clause {
    if (this.da) {
      switch (op) {
        case '>=':
          return { stmt: `der er gået mindst ${n} siden ${since}`, modal: `der skal være gået mindst ${n} siden ${since}` };
        case '>':
          return { stmt: `der er gået mere end ${n} siden ${since}`, modal: `der skal være gået mere end ${n} siden ${since}` };
        case '<':
          return { stmt: `${since} ligger inden for de seneste ${n}`, modal: `${since} skal ligge inden for de seneste ${n}` };
        case '<=':
          return { stmt: `der højst er gået ${n} siden ${since}`, modal: `der må højst være gået ${n} siden ${since}` };
        case '=':
          return { stmt: `der er gået præcis ${n} siden ${since}`, modal: `der skal være gået præcis ${n} siden ${since}` };
        case '!=':
          return { stmt: `der ikke er gået præcis ${n} siden ${since}`, modal: `der må ikke være gået præcis ${n} siden ${since}` };
      }
    }
    const have = right.kind === 'Duration' && right.amount === 1 ? 'has' : 'have';
    switch (op) {
      case '>=':
        return { stmt: `at least ${n} ${have} passed since ${since}`, modal: `at least ${n} must have passed since ${since}` };
      case '>':
        return { stmt: `more than ${n} ${have} passed since ${since}`, modal: `more than ${n} must have passed since ${since}` };
      case '<':
        return { stmt: `${since} is within the last ${n}`, modal: `${since} must be within the last ${n}` };
      case '<=':
        return { stmt: `at most ${n} ${have} passed since ${since}`, modal: `at most ${n} may have passed since ${since}` };
      case '=':
        return { stmt: `exactly ${n} ${have} passed since ${since}`, modal: `exactly ${n} must have passed since ${since}` };
      case '!=':
        return { stmt: `it is not exactly ${n} since ${since}`, modal: `it must not be exactly ${n} since ${since}` };
    }
  }

  private quantity(op: Op, n: string, less: 'count' | 'amount'): string {
    const da = { '>=': 'mindst', '>': 'mere end', '<': less === 'count' ? 'færre end' : 'mindre end', '<=': 'højst', '=': 'præcis', '!=': 'ikke præcis' };
    const en = { '>=': 'at least', '>': 'more than', '<': less === 'count' ? 'fewer than' : 'less than', '<=': 'at most', '=': 'exactly', '!=': 'not exactly' };
    return `${(this.da ? da : en)[op]} ${n}`;
  }

  private count(call: A.Call, op: Op, n: string, right: A.Expression): Clause {
    const { list, where } = this.listParts(call.args[0]);
    const one = right.kind === 'Number' && right.value === 1 && (op === '=' || op === '>=' || op === '<=');
    const q = this.quantity(op, n, 'count');
    if (this.da) {
      const entries = `${q} ${one ? 'post' : 'poster'} i ${list}${where ? `, hvor ${where}` : ''}`;
      return { stmt: `der er ${entries}`, modal: `der skal være ${entries}` };
    }
    const entries = `${q} ${one ? 'entry' : 'entries'}${where ? ` where ${where}` : ''}`;
    return { stmt: `${list} has ${entries}`, modal: `${list} must have ${entries}` };
  }

  private timeIn(call: A.Call, op: Op, n: string): Clause {
    const { list, where } = this.listParts(call.args[0]);
    const window = call.args[1]?.kind === 'Window' ? durationText(this.ctx.lang, call.args[1].length.amount, call.args[1].length.unit) : '?';
    const q = this.quantity(op, n, 'amount');
    if (this.da) {
      const periods = `perioderne i ${list}${where ? `, hvor ${where},` : ''}`;
      return { stmt: `${periods} dækker ${q} af de seneste ${window}`, modal: `${periods} skal dække ${q} af de seneste ${window}` };
    }
    const periods = `the periods in ${list}${where ? ` where ${where}` : ''}`;
    return { stmt: `${periods} cover ${q} of the last ${window}`, modal: `${periods} must cover ${q} of the last ${window}` };
  }

  private quantified(call: A.Call, positive: boolean): Clause {
    const { list, where } = this.listParts(call.args[0]);
    const fn = call.callee.text;
    if (fn === 'all') {
      const w = where ?? (this.da ? 'de findes' : 'they exist');
      if (this.da) {
        return positive
          ? { stmt: `for alle poster i ${list} gælder, at ${w}`, modal: `for alle poster i ${list} skal det gælde, at ${w}` }
          : { stmt: `ikke alle poster i ${list} opfylder, at ${w}`, modal: `ikke alle poster i ${list} må opfylde, at ${w}` };
      }
      return positive
        ? { stmt: `every entry in ${list} meets this: ${w}`, modal: `every entry in ${list} must meet this: ${w}` }
        : { stmt: `not every entry in ${list} meets this: ${w}`, modal: `not every entry in ${list} may meet this: ${w}` };
    }
    const some = (fn === 'any') === positive;
    const cond = where ? (this.da ? `, hvor ${where}` : ` where ${where}`) : '';
    if (this.da) {
      return some
        ? { stmt: `der er mindst én post i ${list}${cond}`, modal: `der skal være mindst én post i ${list}${cond}` }
        : { stmt: `der ikke er nogen poster i ${list}${cond}`, modal: `der må ikke være nogen post i ${list}${cond}` };
    }
    return some
      ? { stmt: `${list} has at least one entry${cond}`, modal: `${list} must have at least one entry${cond}` }
      : { stmt: `${list} has no entry${cond}`, modal: `${list} must have no entry${cond}` };
  }

  /** `L where c` → the list's name and the condition as a statement. */
  private listParts(arg: A.Expression | undefined): { list: string; where?: string } {
    if (!arg) return { list: '?' };
    if (arg.kind === 'Where') return { list: this.value(arg.list), where: this.clause(arg.condition, true).stmt };
    return { list: this.value(arg) };
  }

  // ---------------------------------------------------------------- values

  /** The subject of a comparison: a value, with `age_of` as "borgerens alder". */
  private subject(e: A.Expression): string {
    return this.value(e);
  }

  /** `age_of`, `time_since`, `time_between` — directly or through a let that is one. */
  private calendarCall(e: A.Expression): A.Call | undefined {
    if (e.kind === 'Call' && ['age_of', 'time_since', 'time_between'].includes(e.callee.text)) return e;
    if (e.kind === 'Reference' && this.ctx.checked.resolutions.get(e.id)?.kind === 'let') {
      const v = this.letValue(e.name);
      if (v) return this.calendarCall(v);
    }
    return undefined;
  }

  /** The value of a let with one version (a dated let is named, and its versions listed). */
  private letValue(name: string): A.Expression | undefined {
    const versions = this.ctx.checked.versions.get(name);
    const decl = this.ctx.checked.lets.get(name);
    if (!decl || (versions && versions.length > 1)) return undefined;
    return decl.value;
  }

  /** "30 og 49 år" rather than "30 år og 49 år". */
  private collapse(low: A.Expression, high: A.Expression, lowText: string, _highText: string): string {
    if (low.kind === 'Duration' && high.kind === 'Duration' && low.unit === high.unit) return numberText(this.ctx.lang, low.amount);
    return lowText;
  }

  private text(s: string): string {
    return maskCprNumbers(s);
  }

  value(e: A.Expression): string {
    const { lang } = this.ctx;
    switch (e.kind) {
      case 'Number':
        return numberText(lang, e.value);
      case 'Duration':
        return durationText(lang, e.amount, e.unit);
      case 'Date':
        return dateText(lang, e.value);
      case 'Text':
        return this.da ? `„${this.text(e.value)}“` : `“${this.text(e.value)}”`;
      case 'Boolean':
        return e.value ? (this.da ? 'ja' : 'yes') : this.da ? 'nej' : 'no';
      case 'Reference':
        return this.referenceValue(e);
      case 'Call':
        return this.callValue(e);
      case 'Negate':
        return `−${this.operand(e.operand)}`;
      case 'Arithmetic': {
        const sign = { '+': '+', '-': '−', '*': '×', '/': '/' }[e.op];
        return `${this.operand(e.left)} ${sign} ${this.operand(e.right)}`;
      }
      case 'Window':
        return this.da ? `de seneste ${durationText(lang, e.length.amount, e.length.unit)}` : `the last ${durationText(lang, e.length.amount, e.length.unit)}`;
      case 'Where': {
        const { list, where } = this.listParts(e);
        return this.da ? `posterne i ${list}, hvor ${where}` : `the entries in ${list} where ${where}`;
      }
      case 'ErrorExpression':
        return this.da ? '(fejl)' : '(error)';
      case 'Comparison':
      case 'Logical':
      case 'Not':
      case 'Between':
      case 'In':
      case 'Is':
      case 'AtLeast':
        return `(${this.clause(e, true).stmt})`;
      default:
        return A.assertNever(e);
    }
  }

  private operand(e: A.Expression): string {
    return e.kind === 'Arithmetic' ? `(${this.value(e)})` : this.value(e);
  }

  private referenceValue(e: A.Reference): string {
    const { checked } = this.ctx;
    const r = checked.resolutions.get(e.id);
    switch (r?.kind) {
      case 'field':
      case 'element':
        return r.decl.label ? this.q(this.text(r.decl.label.value)) : nameWords(e.name);
      case 'let': {
        const v = this.letValue(e.name);
        if (v && v.kind === 'Call' && ['age_of', 'time_since', 'time_between'].includes(v.callee.text)) return this.value(v);
        return nameWords(e.name);
      }
      case 'param': {
        const value = this.paramValue(e.name);
        return value === undefined ? e.name : `${value} (${e.name})`;
      }
      case 'group': {
        const g = this.groupOn(e.name) ?? r.decl;
        return this.q(g.label ? this.text(g.label.value) : nameWords(e.name));
      }
      case 'enumValue':
        return nameWords(r.value);
      default:
        return nameWords(e.name);
    }
  }

  /** The group's version in force on the reference date (its label may differ by version), else the first. */
  private groupOn(name: string): A.GroupDeclaration | undefined {
    const { checked, asOf } = this.ctx;
    const versions = checked.versions.get(name) ?? [];
    if (versions.length > 1 && asOf !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      const v = versionOn(periodsOf(versions), dayNumber(asOf));
      if (v?.kind === 'Group') return v;
    }
    return checked.groups.get(name);
  }

  /** The param's value on the reference date, or its only value; undefined when dated and no date is given. */
  paramValue(name: string): string | undefined {
    const { checked, asOf } = this.ctx;
    const versions = checked.versions.get(name) ?? [];
    let decl: A.Declaration | undefined = checked.params.get(name);
    if (versions.length > 1) {
      if (asOf === undefined) return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return undefined;
      decl = paramOn(checked, name, asOf);
      if (!decl) return undefined;
    }
    if (!decl || decl.kind !== 'Param') return undefined;
    // an override given with the run (`--param`) is the value the run uses
    const effective = versions.length <= 1 ? (checked.paramValues.get(name) ?? decl.value) : decl.value;
    return this.value(effective);
  }

  private callValue(e: A.Call): string {
    const arg = (i: number) => (e.args[i] ? this.value(e.args[i]) : '?');
    switch (e.callee.text) {
      case 'age_of': {
        const a = e.args[0];
        const ofCitizen = a?.kind === 'Reference' && this.ctx.checked.resolutions.get(a.id)?.kind === 'field';
        if (ofCitizen) return this.da ? 'borgerens alder' : "the citizen's age";
        return this.da ? `alderen ud fra ${arg(0)}` : `the age from ${arg(0)}`;
      }
      case 'time_since':
        return this.da ? `tiden siden ${arg(0)}` : `the time since ${arg(0)}`;
      case 'time_between':
        return this.da ? `tiden fra ${arg(0)} til ${arg(1)}` : `the time from ${arg(0)} to ${arg(1)}`;
      case 'count': {
        const { list, where } = this.listParts(e.args[0]);
        return this.da ? `antallet af poster i ${list}${where ? `, hvor ${where}` : ''}` : `the number of entries in ${list}${where ? ` where ${where}` : ''}`;
      }
      case 'time_in': {
        const { list, where } = this.listParts(e.args[0]);
        const w = e.args[1] ? this.value(e.args[1]) : '?';
        return this.da ? `den del af ${w}, som perioderne i ${list}${where ? `, hvor ${where},` : ''} dækker` : `the part of ${w} covered by the periods in ${list}${where ? ` where ${where}` : ''}`;
      }
      case 'any':
      case 'all':
      case 'none':
        return `(${this.clause(e, true).stmt})`;
      default:
        return `${e.callee.text}(${e.args.map((a) => this.value(a)).join(', ')})`;
    }
  }
}

function flatten(e: A.Expression, op: 'and' | 'or'): A.Expression[] {
  return e.kind === 'Logical' && e.op === op ? [...flatten(e.left, op), ...flatten(e.right, op)] : [e];
}

function isConstant(e: A.Expression): boolean {
  return e.kind === 'Number' || e.kind === 'Duration' || e.kind === 'Date' || e.kind === 'Text' || e.kind === 'Boolean';
}

/** The version of param `name` in force on `asOf` (by §13's periods). */
export function paramOn(checked: CheckedFile, name: string, asOf: string): A.ParamDeclaration | undefined {
  const versions = checked.versions.get(name);
  if (!versions) return undefined;
  const v = versionOn(periodsOf(versions), dayNumber(asOf));
  return v?.kind === 'Param' ? v : undefined;
}
