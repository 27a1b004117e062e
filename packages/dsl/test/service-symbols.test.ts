// Document symbols: the outline of a file, as a table of kinds, names and details.
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { getDocumentSymbols, VisitDocument } from '../src/service';

const rules = `record Citizen {
  cpr:     text key personal
  benefit: one of (dagpenge, kontanthjaelp) optional
}
let age = age_of(birth_date)
param min_ledighed = 6 months "Mindste ledighed"
group seniorer "50 år eller derover" =
  age >= 50 years
program jobklub "Jobklub" {
  require benefit = dagpenge "Dagpenge"
  exclude (seniorer)
}
test "Et eksempel" {
  expect seniorer
}
`;

const kindName = new Map<number, string>(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${kindName.get(s.kind)} ${s.name} — ${s.detail ?? ''}`, ...outline(s.children ?? [], depth + 1)]);
}

describe('document symbols', () => {
  it('lists every declaration, with fields and program lines nested', () => {
    expect(outline(getDocumentSymbols(new VisitDocument('file:///r.visit', rules)))).toEqual([
      'Struct Citizen — record',
      '  Field cpr — text key personal',
      '  Enum benefit — one of (dagpenge, kontanthjaelp) optional',
      'Variable age — let = age_of(birth_date)',
      'Constant min_ledighed — param = 6 months',
      'Boolean seniorer — 50 år eller derover',
      'Module jobklub — Jobklub',
      '  Event require benefit = dagpenge — Dagpenge',
      '  Event exclude seniorer — ',
      'Method Et eksempel — test',
    ]);
  });

  it.each([
    ['the record', 'Citizen', 1, 4],
    ['a group, over its definition', 'seniorer', 7, 8],
    ['a program, over its lines', 'jobklub', 9, 12],
  ])('%s spans its declaration', (_name, symbolName, firstLine, lastLine) => {
    const s = getDocumentSymbols(new VisitDocument('file:///r.visit', rules)).find((x) => x.name === symbolName);
    expect([s!.range.start.line + 1, s!.range.end.line + 1]).toEqual([firstLine, lastLine]);
  });

  it('outlines what parses of a broken file', () => {
    const names = getDocumentSymbols(new VisitDocument('file:///r.visit', 'let a = 1\ngroup g = a and\nparam p = 2')).map((s) => s.name);
    expect(names).toEqual(['a', 'g', 'p']);
  });
});
