// The editor's records panel reads NDJSON records with lists (LANGUAGE.md §12) exactly as `visit
// screen` does: the same engine reader, so a malformed element makes its row invalid with the
// reason naming the list, the element and the field, and well-formed lists screen.
import { describe, expect, it } from 'vitest';
import { compile } from '@visit/engine';
import { ScreeningSession } from '../src/records/session';

const RULES = `record Citizen {
  cpr:      text key personal
  alder:    integer
  forløb:   list of { kind: one of (dagpenge, jobklub), start: date, end: date optional } optional
}
group voksen = alder >= 30
`;
const ROWS = [
  { cpr: 'A1', alder: 40, forløb: [{ kind: 'dagpenge', start: '2025-01-01' }] },
  { cpr: 'A2', alder: 20, forløb: [{ kind: 'jobklub', start: '2025-01-01' }, { kind: 'jobklub', start: '2025-03-01', end: '2025-01-01' }] },
  { cpr: 'A3', alder: 50, forløb: [{ kind: 'x', start: '2025-13-01' }] },
  { cpr: 'A4', alder: 29 },
];

describe('records with lists in the editor', () => {
  it('screens NDJSON lines with lists, with the engine reader\'s reasons', async () => {
    const session = new ScreeningSession();
    const text = ROWS.map((r) => JSON.stringify(r)).join('\n');
    const loaded = await session.load('r.ndjson', text);
    expect(loaded).toMatchObject({ format: 'ndjson', rows: 4 });
    const result = session.screen(RULES, '2026-11-23', {}, false);
    expect(result.errors).toEqual([]);
    expect(result.invalid).toBe(2);
    const compiled = compile(RULES, { asOf: '2026-11-23' });
    if (!compiled.ok) throw new Error('rules');
    for (const [i, row] of ROWS.entries()) {
      const shown = session.explain({ row: i + 1 });
      const read = compiled.screener.validateJson(row);
      expect(shown.status).toBe(read.ok ? 'ok' : 'invalid');
      expect(shown.errors).toEqual(read.ok ? [] : read.errors);
    }
    expect(session.explain({ row: 2 }).errors).toEqual(['forløb[2]: end 2025-01-01 is before start 2025-03-01']);
    expect(session.explain({ row: 3 }).errors).toEqual([
      'forløb[1].kind: expected one of dagpenge, jobklub, found "x"',
      'forløb[1].start: expected a date YYYY-MM-DD that exists, found "2025-13-01"',
    ]);
  });
});
