// LANGUAGE.md §2: text is `"…"` with `\"` and `\\` escapes, and no others. `"\n"` is not a line
// break and `"\t"` not a tab: any other backslash escape is an error at its own line:col (it was
// once read as the bare letter, silently changing the text), in check and in the language service
// that the LSP and the editor share.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, getDiagnostics, parseExpression, VisitDocument, type Expression } from '../src/index';

/** `group g = navn = <literal>` checked: its diagnostics as `code line:col message` (line 1 = the group's), and the text value read. */
function read(literal: string): { diagnostics: string[]; value: string | undefined } {
  const checked = check(`record R { navn: text }\ngroup g = navn = ${literal}\n`);
  const decl = checked.file.declarations[1];
  const condition = decl?.kind === 'Group' ? decl.condition : undefined;
  const right = condition?.kind === 'Comparison' ? condition.right : undefined;
  return {
    diagnostics: checked.diagnostics.map((d) => `${d.code} ${d.range.start.line - 1}:${d.range.start.column} ${d.message}`),
    value: right?.kind === 'Text' ? right.value : undefined,
  };
}

const ONLY = `in text: only \\" and \\\\ are escapes`;

describe('escapes in text literals', () => {
  it.each([
    // [literal as written, the text it means]
    ['"plain"', 'plain'],
    ['"sagde \\"nej\\""', 'sagde "nej"'],
    ['"C:\\\\mapper"', 'C:\\mapper'],
    ['"\\\\\\""', '\\"'],
    ['""', ''],
  ])('%s is accepted and reads as %j', (literal, value) => {
    expect(read(literal)).toEqual({ diagnostics: [], value });
  });

  it.each([
    ['"a\\nb"', [`unknown-escape 1:20 unknown escape '\\n' ${ONLY}`]],
    ['"\\t"', [`unknown-escape 1:19 unknown escape '\\t' ${ONLY}`]],
    ['"\\x41"', [`unknown-escape 1:19 unknown escape '\\x' ${ONLY}`]],
    ['"\\u00e6"', [`unknown-escape 1:19 unknown escape '\\u' ${ONLY}`]],
    ['"ok \\\\ then \\q"', [`unknown-escape 1:30 unknown escape '\\q' ${ONLY}`]],
    ['"\\n\\r"', [`unknown-escape 1:19 unknown escape '\\n' ${ONLY}`, `unknown-escape 1:21 unknown escape '\\r' ${ONLY}`]],
    ['"\\æ"', [`unknown-escape 1:19 unknown escape '\\æ' ${ONLY}`]],
    ['"\\\t"', [`unknown-escape 1:19 unknown escape '\\' followed by U+0009 ${ONLY}`]],
  ])('%s is an error at the backslash', (literal, diagnostics) => {
    expect(read(literal).diagnostics).toEqual(diagnostics);
  });

  it('is found wherever text is written: labels, conditions, tests, on later lines', () => {
    const source = [
      'record R {',
      '  navn: text "Navn\\n"',
      '}',
      'group g "Gruppe \\t" = navn = "a\\b"',
      'test "t\\x" {',
      '  given { navn: "\\0" }',
      '  expect g = false',
      '}',
    ].join('\n');
    const found = check(source).diagnostics.filter((d) => d.code === 'unknown-escape');
    expect(found.map((d) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.message.slice(0, 19)}`)).toEqual([
      "2:19-21 unknown escape '\\n'",
      "4:17-19 unknown escape '\\t'",
      "4:32-34 unknown escape '\\b'",
      "5:8-10 unknown escape '\\x'",
      "6:18-20 unknown escape '\\0'",
    ]);
  });

  it('the language service (LSP, editor) reports it at the same place, 0-based', () => {
    const text = 'record R { navn: text }\ngroup g = navn = "a\\nb"\n';
    const found = getDiagnostics(new VisitDocument('file:///r.visit', text)).filter((d) => d.code === 'unknown-escape');
    expect(found.map((d) => [d.range.start, d.range.end, d.message])).toEqual([
      [{ line: 1, character: 19 }, { line: 1, character: 21 }, `unknown escape '\\n' ${ONLY}`],
    ]);
  });

  it('a --param or `with` value (a lone expression) is refused the same way', () => {
    const parsed = parseExpression('"a\\nb"');
    expect(parsed.expression).toBeUndefined();
    expect(parsed.errors).toEqual([`unknown escape '\\n' ${ONLY}`]);
    expect((parseExpression('"a\\"b"').expression as Expression & { value?: string }).value).toBe('a"b');
  });
});

describe('property: check accepts exactly the literals whose escapes are \\" and \\\\, and reads the intended text', () => {
  // Any text without line breaks (a literal is one line), with quotes and backslashes in it.
  const char = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
  const text = fc
    .string({ unit: fc.oneof(fc.constantFrom('"', '\\', 'n', 't', 'x', 'æ', ' ', '\t', '😀'), char), maxLength: 30 })
    .filter((t) => !/[\r\n]/.test(t));
  const escape = (t: string) => `"${t.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

  it('the intended text, escaped as §2 says, is accepted and read back exactly', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(read(escape(t))).toEqual({ diagnostics: [], value: t });
      }),
      { numRuns: 500 },
    );
  });

  it('a literal with any other escape is refused, one error per unknown escape, at its backslash', () => {
    // (A backslash before a line break, U+2028 or U+2029 included, leaves the text unterminated: another error.)
    const other = char.filter((c) => !['"', '\\', '\n', '\r', '\u2028', '\u2029'].includes(c));
    fc.assert(
      fc.property(text, text, other, (before, after, c) => {
        const left = escape(before).slice(0, -1);
        const literal = `${left}\\${c}${escape(after).slice(1)}`;
        const found = read(literal).diagnostics;
        expect(found).toHaveLength(1);
        // `group g = navn = ` is 17 characters; the backslash follows the left part.
        expect(found[0]).toMatch(new RegExp(`^unknown-escape 1:${18 + left.length} unknown escape `));
      }),
      { numRuns: 500 },
    );
  });
});
