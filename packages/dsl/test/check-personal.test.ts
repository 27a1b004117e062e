// Personal values written in a rules file — a test's `given` value of a `personal` field, a literal
// compared with one — never appear in a message, and every diagnostic carries their ranges on its
// lines so that snippets mask them (DOMAIN.md; LANGUAGE.md §3 `personal`). The language service's
// hover, completion and outline show ••• for them too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, getCompletions, getDiagnostics, getDocumentSymbols, getHover, maskedSlice, PERSONAL_MASK, VisitDocument } from '../src/index';
import { atCursor } from '../src/service/testing';

const RECORD = `record Citizen {
  cpr:     text key personal
  born:    date personal optional
  health:  one of (ok, limited) personal optional
  hours:   integer optional
  note:    text optional
}
`;

/** The text of each personal range of the source. */
function personalTexts(source: string): string[] {
  return check(source).personal.map((r) => source.slice(r.start.offset, r.end.offset));
}

describe('where a rules file holds personal values', () => {
  it.each([
    ['a given text for a personal field', 'test "t" { given { cpr: "0101701234", note: "x" } }', ['"0101701234"']],
    ['a given number of the wrong type', 'test "t" { given { cpr: 0101701234 } }', ['0101701234']],
    ['a given date and enum value', 'test "t" { given { born: 1970-01-01, health: limited, hours: 3 } }', ['1970-01-01', 'limited']],
    ['a literal compared with a personal field', 'group g = cpr = "0101701234" or "0202701234" != cpr', ['"0101701234"', '"0202701234"']],
    ['a list after in', 'program p { exclude cpr in ("0101701234", "0202701234") }', ['"0101701234"', '"0202701234"']],
    ['between bounds', 'group g = born between 1970-01-01 and 1970-12-31', ['1970-01-01', '1970-12-31']],
    ['not a field that is not personal', 'group g = note = "0101701234" and hours > 3\ntest "t" { given { note: "x", hours: 1 } }', []],
    ['not an enum value in a rule (a category, not a person)', 'group g = health = limited', []],
  ])('%s', (_what, snippet, expected) => {
    expect(personalTexts(RECORD + snippet)).toEqual(expected);
  });

  it('none without a personal field', () => {
    expect(personalTexts('record R {\n  cpr: text key\n}\ntest "t" { given { cpr: "0101701234" } }')).toEqual([]);
  });
});

describe('messages never quote a personal value; diagnostics carry the ranges to mask', () => {
  it.each([
    ['a wrong type', 'test "t" { given { cpr: 0101701234 } }', 'cpr: expected a text, found a whole number (value withheld: personal data)'],
    ['a wrong enum value', 'test "t" { given { health: l0101701234 } }', 'the value given for health is not one of its values (value withheld: personal data)'],
    ['a date that does not exist', 'test "t" { given { born: 1970-02-30 } }', "invalid date '•••': it is not a day of the calendar"],
    ['a type mismatch in a rule', 'group g = cpr = 0101701234', "cannot compare 'cpr' (a text) with '•••' (a whole number)"],
    ['an unknown enum value in a list', 'group g = health in (ok, "0101701234")', 'the value compared with health is not one of its values (value withheld: personal data)'],
    ['a syntax error in a given', 'test "t" { given { cpr: "0101701234" 0101701235 } }', "expected '}' but found '•••'"],
    ['a given left open', 'test "t" { given { cpr: "0101701234" 0101701235\n', "expected '}' but found '•••'"],
  ])('%s', (_what, snippet, message) => {
    const source = RECORD + snippet;
    const [d, ...rest] = check(source).diagnostics.filter((x) => x.severity === 'error');
    expect(rest).toEqual([]);
    expect(d!.message).toBe(message);
    expect(d!.message).not.toMatch(/0101701234|0101701235|1970|February/);
    // Every personal value on the diagnostic's line is in its `personal` ranges.
    const line = source.split('\n')[d!.range.start.line - 1]!;
    const lineStart = source.indexOf(line);
    const shown = maskedSlice(source, lineStart, lineStart + line.length, d!.personal ?? []);
    expect(shown).not.toMatch(/0101701234|0101701235|1970-02-30/);
    expect(shown).toContain(PERSONAL_MASK);
  });
});

describe('generated tests with personal values and mistakes around them', () => {
  const cpr = fc.stringMatching(/^[0-3]\d[01]\d\d\d\d{4}$/);
  const written = fc.tuple(cpr, fc.constantFrom('text', 'number', 'name', 'date-like', 'stray')).map(([c, how]) => ({
    c,
    text: how === 'text' ? `"${c}"` : how === 'number' ? c : how === 'name' ? `x${c}` : how === 'date-like' ? `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)}` : `"${c}" ${c}`,
  }));
  const other = fc.constantFrom('', ', hours: "x"', ', hours: 2.5', ', note: 3', ', nope: 1', ', hours: 1 + ');
  it('no message holds the CPR number, and masking each diagnostic line removes it', () => {
    fc.assert(
      fc.property(written, other, fc.constantFrom('cpr', 'born', 'health'), fc.boolean(), fc.boolean(), (v, more, field, newline, closed) => {
        const source = `${RECORD}group g = hours > 1\ntest "t" {\n  given { ${field}: ${v.text}${newline ? '\n   ' : ''}${more}${closed ? ' }' : ''}\n  expect g\n}\n`;
        const checked = check(source);
        const lines = source.split('\n');
        for (const d of checked.diagnostics) {
          expect(d.message).not.toContain(v.c);
          expect(d.message).not.toContain(v.c.slice(0, 8));
          for (let l = d.range.start.line; l <= d.range.end.line; l++) {
            const start = lines.slice(0, l - 1).join('\n').length + (l > 1 ? 1 : 0);
            const text = maskedSlice(source, start, start + lines[l - 1]!.length, d.personal ?? []);
            expect(text).not.toContain(v.c.slice(0, 4));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the language service', () => {
  const rules = `${RECORD}let blocked = cpr in ("0101701234")
group g = not blocked and hours > 3
program p "P" {
  exclude cpr = "0202701234"
  require g
}
test "t" {
  given { cpr: "0303701234", health: limited, hours: 5 }
  expect p eligible
}
`;

  function hover(word: string, shift = 1): string {
    // The cursor goes `shift` characters into the first occurrence of `word`.
    const i = rules.indexOf(word);
    const { doc, position } = atCursor(rules.slice(0, i + shift) + '<|>' + rules.slice(i + shift));
    const h = getHover(doc, position);
    const c = h?.contents;
    return c && typeof c === 'object' && 'value' in c ? c.value : '';
  }

  it.each([
    ['a let', 'blocked =', 'let blocked = cpr in (•••)', 1],
    ['a programme', 'program p', 'exclude cpr = •••', 8],
    ['a personal enum value given in a test', 'limited, hours', 'A value of **health**: personal data, not shown here', 1],
  ] as const)('hover on %s masks the value', (_what, word, expected, shift = 1) => {
    const text = hover(word, shift);
    expect(text).toContain(expected);
    expect(text).not.toMatch(/0\d0\d701234|limited/);
  });

  it('diagnostics, completion details and the outline do not show them', () => {
    const broken = rules.replace('"0303701234"', '0303701234');
    const doc = new VisitDocument('file:///t.visit', broken);
    const messages = getDiagnostics(doc).map((d) => d.message);
    expect(messages).toEqual(['cpr: expected a text, found a whole number (value withheld: personal data)']);
    const { doc: at, position } = atCursor(broken.replace('require g\n', 'require <|>\n'));
    const details = getCompletions(at, position).items.map((i) => `${i.label} ${i.detail ?? ''} ${JSON.stringify(i.documentation ?? '')}`);
    expect(details.find((d) => d.startsWith('blocked '))).toContain('cpr in (•••)');
    const outline = JSON.stringify(getDocumentSymbols(doc));
    expect(outline).toContain('exclude cpr = •••');
    expect(details.join('\n') + outline + messages.join('\n')).not.toMatch(/0\d0\d701234/);
  });
});
