// Diagnostics as LSP sees them: the checker's codes and messages, at 0-based ranges.
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { getDiagnostics, VisitDocument } from '../src/service';

const record = `record Citizen {
  cpr:        text key personal
  birth_date: date
  benefit:    one of (dagpenge, kontanthjaelp)
  literacy:   integer 1..5 optional
}
`;

function diagnose(text: string) {
  return getDiagnostics(new VisitDocument('file:///r.visit', text)).map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.range.start.line,
    text: text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined),
    message: d.message,
    source: d.source,
    tags: d.tags,
  }));
}

describe('diagnostics', () => {
  it.each([
    ['a misspelt field, with the suggestion', `${record}group g = literacyy >= 3`, 'unknown-name', 'literacyy', /did you mean 'literacy'/],
    ['an unknown enum value', `${record}group g = benefit = dagpeng`, 'unknown-enum-value', 'dagpeng', /expected one of dagpenge, kontanthjaelp — did you mean 'dagpenge'/],
    ['comparing an enum with a number', `${record}group g = benefit = 3`, 'type-mismatch', 'benefit = 3', /cannot compare 'benefit'/],
    ['a bare number against an age', `${record}group g = age_of(birth_date) >= 50`, 'calendar-needs-unit', '50', /write|duration/],
    ['a syntax error', `${record}group g = literacy >=`, 'syntax-error', '', /expected a value/],
  ])('%s', (_name, source, code, text, message) => {
    const found = diagnose(source).find((d) => d.code === code);
    expect(found, `a ${code} diagnostic`).toBeDefined();
    expect(found).toMatchObject({ severity: DiagnosticSeverity.Error, source: 'visit' });
    if (text) expect(found!.text).toBe(text);
    expect(found!.message).toMatch(message);
  });

  it('marks unused params as unnecessary warnings', () => {
    expect(diagnose(`${record}param p = 3\ngroup g = literacy >= 3`)).toEqual([
      expect.objectContaining({ code: 'unused-param', severity: DiagnosticSeverity.Warning, tags: [DiagnosticTag.Unnecessary], text: 'p' }),
    ]);
  });

  it('is empty for a clean file', () => {
    expect(diagnose(`${record}group g = literacy >= 3 and benefit = dagpenge`)).toEqual([]);
  });
});
