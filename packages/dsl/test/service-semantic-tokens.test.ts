// Semantic tokens (full): each name is classified by what it names, the unit words as units, in
// LSP's relative encoding. Table: source → decoded tokens (text, type, modifiers).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getSemanticTokens, SEMANTIC_TOKENS_LEGEND, VisitDocument } from '../src/service';

/** The tokens as [text, type, modifiers…], decoded with the legend (the way a client does). */
function decode(source: string): string[][] {
  const doc = new VisitDocument('file:///t.visit', source);
  const { data } = getSemanticTokens(doc);
  const lines = source.split('\n');
  const out: string[][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    ch = dl === 0 ? ch + dc : dc;
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => mods & (1 << b));
    out.push([lines[line]!.slice(ch, ch + len), SEMANTIC_TOKENS_LEGEND.tokenTypes[type]!, ...modifiers]);
  }
  return out;
}

const RECORD = 'record C {\n  cpr: text key personal\n  birth: date\n  weeks_unemployed: integer in weeks\n  benefit: one of (dagpenge, kontanthjaelp)\n}\n';
const RECORD_TOKENS = [
  ['C', 'struct', 'declaration'],
  ['cpr', 'property', 'declaration', 'personal'],
  ['birth', 'property', 'declaration'],
  ['weeks_unemployed', 'property', 'declaration'],
  ['weeks', 'unit'],
  ['benefit', 'property', 'declaration'],
  ['dagpenge', 'enumMember', 'declaration'],
  ['kontanthjaelp', 'enumMember', 'declaration'],
];

const table: [string, string, string[][]][] = [
  ['a record', RECORD, RECORD_TOKENS],
  [
    'let, param, group with a unit and an enum value',
    `${RECORD}let age = age_of(birth)\nparam min = 6 months\ngroup unge = age < 30 years and benefit = dagpenge and weeks_unemployed >= min\n`,
    [
      ...RECORD_TOKENS,
      ['age', 'variable', 'declaration'],
      ['birth', 'property'],
      ['min', 'parameter', 'declaration'],
      ['months', 'unit'],
      ['unge', 'class', 'declaration'],
      ['age', 'variable'],
      ['years', 'unit'],
      ['benefit', 'property'],
      ['dagpenge', 'enumMember'],
      ['weeks_unemployed', 'property'],
      ['min', 'parameter'],
    ],
  ],
  [
    'Danish units (§15) are units',
    `${RECORD}param a = 6 måneder\nparam b = 1 år\nparam c = 2 uger\n`,
    [...RECORD_TOKENS, ['a', 'parameter', 'declaration'], ['måneder', 'unit'], ['b', 'parameter', 'declaration'], ['år', 'unit'], ['c', 'parameter', 'declaration'], ['uger', 'unit']],
  ],
  [
    'a program and a test naming a group and a personal field',
    `${RECORD}group g = benefit = dagpenge\nprogram p {\n  require g\n}\ntest "t" {\n  as of 2026-01-01\n  given { cpr: "x", benefit: dagpenge }\n  expect p eligible\n}\n`,
    [
      ...RECORD_TOKENS,
      ['g', 'class', 'declaration'],
      ['benefit', 'property'],
      ['dagpenge', 'enumMember'],
      ['p', 'namespace', 'declaration'],
      ['g', 'class'],
      ['cpr', 'property', 'personal'],
      ['benefit', 'property'],
      ['dagpenge', 'enumMember'],
      ['p', 'namespace'],
    ],
  ],
];

describe('semantic tokens', () => {
  it.each(table)('%s', (_what, source, expected) => {
    expect(decode(source)).toEqual(expected);
  });

  it('a file with a syntax error still classifies what parsed, and no token spans lines', () => {
    const tokens = decode(`${RECORD}group g = benefit = \n`);
    expect(tokens.slice(0, RECORD_TOKENS.length)).toEqual(RECORD_TOKENS);
  });
});

describe('property: the encoding decodes to the names in order, each token on its own line', () => {
  const name = fc.constantFrom('a', 'bb', 'unge', 'voksne', 'målgruppe', 'x_1');
  it('groups referring to the record fields', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), fc.nat(9), (names, blank) => {
        const src = `${RECORD}${'\n'.repeat(blank)}${names.map((n) => `group ${n} = benefit = dagpenge`).join('\n')}\n`;
        const groups = decode(src).slice(RECORD_TOKENS.length);
        expect(groups).toEqual(names.flatMap((n) => [[n, 'class', 'declaration'], ['benefit', 'property'], ['dagpenge', 'enumMember']]));
      }),
      { numRuns: 100 },
    );
  });
});
