// A record with list fields (LANGUAGE.md §12), prepended to snippets by the history tests.
import { check } from '../../src/index';

/** §12's record, with a date pair for §11 and a personal list. Its last line is line 13. */
export const historyRecord = `record Citizen {
  cpr:       text key personal
  henvist:   date
  visiteret: date optional
  benefit:   one of (dagpenge, kontanthjaelp)
  forløb:    list of {
               kind:  one of (dagpenge, kontanthjaelp, jobklub, virksomhedspraktik, loentilskud)
               start: date
               end:   date optional
             } optional
  samtaler:  list of { dato: date, form: one of (individuel, gruppe), note: text optional personal }
  sager:     list of { journal: text, start: date, end: date } personal
}
`;

/** Line numbers in diagnostics of `historyRecord + snippet` are offset by this. */
export const historyLines = 13;

/** Diagnostics of a snippet after the record, as `code line:col` (lines counted in the snippet). */
export function codes(snippet: string, record = historyRecord, lines = historyLines): string[] {
  return check(record + snippet).diagnostics.map((d) => `${d.code} ${d.range.start.line - lines}:${d.range.start.column}`);
}

/** The messages of a snippet's diagnostics. */
export function messages(snippet: string, record = historyRecord): string[] {
  return check(record + snippet).diagnostics.map((d) => d.message);
}
