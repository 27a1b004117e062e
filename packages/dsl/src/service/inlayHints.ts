// Inlay hints: what a calendar criterion means on the reference date. After `age < 30 years`
// (age = age_of(birth_date)) the hint reads `born after 1996-11-23`; after
// `time_since(unemployed_since) >= 6 months`, `since on or before 2026-05-23`. The dates come from
// the engine's calendar (latestStart, LANGUAGE.md §4's end-of-month rule), passed in by the host,
// since @visit/engine builds on this package and cannot be imported here.
import type { InlayHint, Range } from 'vscode-languageserver-types';
import * as A from '../ast';
import { toLspRange, type VisitDocument } from './document';
import { forEachExpression } from './walk';
import { words } from './words';

export interface InlayHintOptions {
  /** ISO `YYYY-MM-DD`. */
  referenceDate: string;
  /** The latest day d with d + k unit <= ref: @visit/engine's latestStart. */
  latestStart: (ref: string, k: number, unit: A.Unit) => string;
}

const CALENDAR: Record<string, 'born' | 'since'> = { age_of: 'born', time_since: 'since' };

/** The calendar call `e` stands for (directly, or through a let), as [word, argument text]. */
function calendarCall(doc: VisitDocument, e: A.Expression): string | undefined {
  let x: A.Expression = e;
  if (x.kind === 'Reference') {
    const r = doc.checked.resolutions.get(x.id);
    if (r?.kind !== 'let') return undefined;
    x = r.decl.value;
  }
  if (x.kind !== 'Call' || x.args.length !== 1) return undefined;
  const subject = CALENDAR[x.callee.text];
  return subject && words()[subject];
}

/** A whole-number duration, written or a param's value. */
function duration(doc: VisitDocument, e: A.Expression): A.DurationLiteral | undefined {
  let x: A.Expression = e;
  if (x.kind === 'Reference') {
    const r = doc.checked.resolutions.get(x.id);
    if (r?.kind !== 'param') return undefined;
    x = r.decl.value;
  }
  if (x.kind !== 'Duration' || !Number.isInteger(x.amount) || x.amount < 0) return undefined;
  // A value that the checker withholds as personal is never repeated, not even as a date.
  if (doc.checked.personal.some((p) => p.start.offset < e.range.end.offset && p.end.offset > e.range.start.offset)) return undefined;
  return x;
}

const FLIP: Partial<Record<A.ComparisonOperator, A.ComparisonOperator>> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

export function getInlayHints(doc: VisitDocument, range: Range, options: InlayHintOptions): InlayHint[] {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const ref = options.referenceDate;
  const at = (k: number, unit: A.Unit) => options.latestStart(ref, k, unit);
  // `word < k` ⇔ after L(k); `<= k` ⇔ after L(k+1); `>= k` ⇔ on or before L(k); `> k` ⇔ on or before L(k+1).
  const w = words();
  const before = (k: number, unit: A.Unit) => w.onOrBefore(at(k, unit));
  const after = (k: number, unit: A.Unit) => w.after(at(k, unit));
  forEachExpression(doc.checked.file, (e) => {
    if (e.range.end.offset < start || e.range.start.offset > end) return;
    let text: string | undefined;
    if (e.kind === 'Comparison') {
      let word = calendarCall(doc, e.left);
      let op: A.ComparisonOperator | undefined = e.op;
      let other = e.right;
      if (!word) {
        word = calendarCall(doc, e.right);
        op = FLIP[e.op];
        other = e.left;
      }
      const d = word && op ? duration(doc, other) : undefined;
      if (word && d) {
        if (op === '<') text = `${word} ${after(d.amount, d.unit)}`;
        else if (op === '<=') text = `${word} ${after(d.amount + 1, d.unit)}`;
        else if (op === '>=') text = `${word} ${before(d.amount, d.unit)}`;
        else if (op === '>') text = `${word} ${before(d.amount + 1, d.unit)}`;
      }
    } else if (e.kind === 'Between') {
      const word = calendarCall(doc, e.value);
      const low = word ? duration(doc, e.low) : undefined;
      const high = word ? duration(doc, e.high) : undefined;
      if (word && low && high) text = `${word} ${after(high.amount + 1, high.unit)}, ${before(low.amount, low.unit)}`;
    }
    if (text !== undefined) hints.push({ position: toLspRange(e.range).end, label: text, paddingLeft: true });
  });
  return hints;
}
