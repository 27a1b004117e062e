// Code actions (service level): each diagnostic that proposes a replacement gets a quick fix that
// puts the proposal in place of the offending text; applying it leaves a file without that
// diagnostic. A test without `as of` can be pinned to the reference date.
import fc from 'fast-check';
import { withLanguage } from '../src/check/language';
import { describe, expect, it } from 'vitest';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { getCodeActions, VisitDocument } from '../src/service';
import { citizenRecord } from './support/fixtures';

const URI = 'file:///rules.visit';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

function apply(doc: VisitDocument, edits: TextEdit[]): string {
  let text = doc.text;
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  return text;
}

function quickFixes(source: string): { actions: CodeAction[]; doc: VisitDocument } {
  const doc = new VisitDocument(URI, source);
  return { doc, actions: getCodeActions(doc, WHOLE).filter((a) => a.kind === CodeActionKind.QuickFix) };
}

// [what, snippet after citizenRecord, diagnostic code, the snippet once the fix is applied]
const table: [string, string, string, string][] = [
  ['unknown name', 'group g = literacyy >= 3', 'unknown-name', 'group g = literacy >= 3'],
  ['unknown name, other case', 'group g = Motivated', 'unknown-name', 'group g = motivated'],
  ['enum value', 'group g = education = bachelr', 'unknown-enum-value', 'group g = education = bachelor'],
  ['enum value written as text', 'group g = education = "bachelr"', 'unknown-enum-value', 'group g = education = "bachelor"'],
  ['function', 'group g = age_off(birth_date) < 30 years', 'unknown-function', 'group g = age_of(birth_date) < 30 years'],
  ['weeks against months: the threshold in weeks', 'group g = weeks_unemployed >= 6 months', 'unit-mismatch', 'group g = weeks_unemployed >= 26 weeks'],
  ['days against a year', 'group g = days_sick > 1 year', 'unit-mismatch', 'group g = days_sick > 365 days'],
  ['test target', 'group unge = motivated\ntest "t" {\n  as of 2026-01-01\n  expect ungee\n}', 'unknown-test-target', 'group unge = motivated\ntest "t" {\n  as of 2026-01-01\n  expect unge\n}'],
  ['given field', 'group g = motivated\ntest "t" {\n  as of 2026-01-01\n  given { motivatd: true }\n  expect g\n}', 'given-unknown-field', 'group g = motivated\ntest "t" {\n  as of 2026-01-01\n  given { motivated: true }\n  expect g\n}'],
  ['param override: the name only, the value stays', 'param min_læs = 3\ngroup g = literacy >= min_læs\ntest "t" {\n  as of 2026-01-01\n  with min_læss = 4\n  expect not g\n}', 'unknown-param', 'param min_læs = 3\ngroup g = literacy >= min_læs\ntest "t" {\n  as of 2026-01-01\n  with min_læs = 4\n  expect not g\n}'],
];

describe('quick fix for each proposed replacement', () => {
  it.each(table)('%s', (_what, snippet, code, fixed) => {
    const { doc, actions } = quickFixes(citizenRecord + snippet);
    expect(actions).toHaveLength(1);
    const a = actions[0]!;
    expect(a.isPreferred).toBe(true);
    expect(a.diagnostics?.map((d) => d.code)).toEqual([code]);
    const after = apply(doc, a.edit!.changes![URI]!);
    expect(after).toBe(citizenRecord + fixed);
    expect(new VisitDocument(URI, after).checked.diagnostics.map((d) => d.code)).not.toContain(code);
  });

  it('no fix when nothing is near enough to propose', () => {
    const { actions } = quickFixes(`${citizenRecord}group g = zzzzzz`);
    expect(actions).toEqual([]);
  });

  it('no fix for weeks against a month count that has no whole number of weeks to propose', () => {
    // The message proposes nothing here (a sum, not a written threshold), so neither does the fix.
    const { actions } = quickFixes(`${citizenRecord}group g = weeks_unemployed + 1 month > 3 weeks`);
    expect(actions).toEqual([]);
  });

  it('only the diagnostics within the requested range', () => {
    const doc = new VisitDocument(URI, `${citizenRecord}group a = literacyy >= 3\ngroup b = motivatd`);
    const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 40 } });
    expect(getCodeActions(doc, line(12)).map((a) => a.title)).toEqual(['Change to literacy']);
    expect(getCodeActions(doc, line(13)).map((a) => a.title)).toEqual(['Change to motivated']);
    expect(getCodeActions(doc, line(0))).toEqual([]);
  });

  it('in Danish (a Danish client): the same fixes, titled in Danish', () => {
    const doc = new VisitDocument(URI, `${citizenRecord}group a = literacyy >= 3\ngroup b = motivatd`);
    const titles = withLanguage('da', () => getCodeActions(doc, WHOLE).map((a) => a.title));
    expect(titles).toEqual(['Ret til literacy', 'Ret til motivated']);
  });

  it('a fix never names a personal value it replaces', () => {
    // A misspelt value given for a personal enum field: the message withholds it, no fix repeats it.
    const rec = 'record C {\n  cpr: text key personal\n  health: one of (no_limits, some_limits) personal\n}\ngroup g = health = no_limits\n';
    const doc = new VisitDocument(URI, `${rec}test "t" {\n  as of 2026-01-01\n  given { cpr: "x", health: no_limitz }\n  expect g\n}\n`);
    for (const a of getCodeActions(doc, WHOLE)) expect(JSON.stringify(a)).not.toContain('no_limitz');
  });
});

describe('property: a misspelt field name is fixed to the field', () => {
  const fields = ['literacy', 'motivated', 'education', 'weeks_unemployed', 'days_sick', 'hours'];
  const uses: Record<string, string> = {
    literacy: 'literacy >= 3',
    motivated: 'motivated',
    education: 'education = none',
    weeks_unemployed: 'weeks_unemployed >= 4 weeks',
    days_sick: 'days_sick > 3 days',
    hours: 'hours > 10',
  };
  it('dropping or doubling one letter (not the first) is fixed by the quick fix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), fc.boolean(), (field, n, drop) => {
        const i = 1 + (n % (field.length - 1));
        const typo = drop ? field.slice(0, i) + field.slice(i + 1) : field.slice(0, i) + field[i] + field.slice(i);
        const snippet = `group g = ${uses[field]!.replace(field, typo)}`;
        const { doc, actions } = quickFixes(citizenRecord + snippet);
        const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'unknown-name');
        expect(fix).toBeDefined();
        const after = apply(doc, fix!.edit!.changes![URI]!);
        expect(after).toBe(`${citizenRecord}group g = ${uses[field]!}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('pin a test to the reference date', () => {
  const source = `${citizenRecord}group g = motivated\ntest "t" {\n  given { motivated: true }\n  expect g\n}\n`;
  it('a test without `as of` gets `as of` the reference date as its first line', () => {
    const doc = new VisitDocument(URI, source);
    const actions = getCodeActions(doc, WHOLE, { referenceDate: '2026-11-23' });
    expect(actions.map((a) => [a.kind, a.title])).toEqual([[CodeActionKind.RefactorRewrite, 'Pin this test to a date: as of 2026-11-23']]);
    expect(apply(doc, actions[0]!.edit!.changes![URI]!)).toBe(
      `${citizenRecord}group g = motivated\ntest "t" {\n  as of 2026-11-23\n  given { motivated: true }\n  expect g\n}\n`,
    );
  });
  it('in Danish: the title in Danish, the inserted `as of` the same', () => {
    const doc = new VisitDocument(URI, source);
    const actions = withLanguage('da', () => getCodeActions(doc, WHOLE, { referenceDate: '2026-11-23' }));
    expect(actions.map((a) => a.title)).toEqual(['Fastlås testen til en dato: as of 2026-11-23']);
    expect(actions[0]!.edit).toEqual(getCodeActions(doc, WHOLE, { referenceDate: '2026-11-23' })[0]!.edit);
  });
  it('not for a test that has one, nor without a reference date, nor outside the test', () => {
    const pinned = source.replace('test "t" {\n', 'test "t" {\n  as of 2026-01-01\n');
    expect(getCodeActions(new VisitDocument(URI, pinned), WHOLE, { referenceDate: '2026-11-23' })).toEqual([]);
    expect(getCodeActions(new VisitDocument(URI, source), WHOLE)).toEqual([]);
    const recordLine = { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } };
    expect(getCodeActions(new VisitDocument(URI, source), recordLine, { referenceDate: '2026-11-23' })).toEqual([]);
  });
});
