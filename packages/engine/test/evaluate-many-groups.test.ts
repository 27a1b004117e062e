// Issue 9: the generated evaluator stays linear in the number of groups, and its frame small. Each
// temporary is read only within its own declaration, so one set serves them all; before, every node
// of the file had its own local (5 per group), and 40,000 chained groups overflowed the stack on the
// first record (at about 25,000).
import { describe, expect, it } from 'vitest';
import { compile } from '../src/index';
import { CHAINED_RECORDS, chainedRules, LINKS } from './support/chained';

const AS_OF = '2026-11-23';

function screener(source: string) {
  const compiled = compile(source, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.screener;
}

/** The names the generated function declares (its first `let`). */
function locals(code: string): number {
  return /^let ([^;]*);$/m.exec(code)![1]!.split(',').length;
}

describe('the generated evaluator', () => {
  it.each([100, 1_000])('declares one local per group and programme plus one declaration’s temporaries (%i groups)', (n) => {
    const s = screener(chainedRules(n, { links: LINKS }));
    // Fields (a, b, c), a group variable each, one programme, and the temporaries of the largest declaration.
    expect(locals(s.code)).toBeLessThan(n + 30);
  });

  it('evaluates 30,000 chained groups, with explanations too', () => {
    const s = screener(chainedRules(30_000, { uses: 1, links: LINKS }));
    const record = CHAINED_RECORDS[7]!;
    const plain = s.evaluate(record);
    expect(Object.keys(plain.groups)).toHaveLength(30_000);
    expect(s.evaluate(record, true).programs).toEqual(plain.programs);
  }, 120_000);
});
