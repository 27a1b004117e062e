// The `visit` bundle builds the lexer and the parser with Chevrotain's validations skipped (a
// start-up cost, see src/syntax/validated.ts); this test is where they run. It builds both with
// the validations on and asserts that Chevrotain finds no definition error: an ambiguous
// alternation, left recursion, an empty alternative, a token pattern that can never match. Were the
// grammar to get one, this fails (and the bundle, which never looks, would parse it however).
import { describe, expect, it } from 'vitest';
import { Lexer } from 'chevrotain';
import { VisitParser } from '../src/syntax/parser';
import { allTokens } from '../src/syntax/tokens';
import { grammarValidated } from '../src/syntax/validated';

describe("Chevrotain's grammar validations (skipped by the bundle only)", () => {
  it('run in the tests: the sources are not built as the bundle', () => {
    expect(grammarValidated).toBe(false);
  });

  it('find no definition error in the parser (ambiguities, left recursion, empty alternatives)', () => {
    // performSelfAnalysis throws "Parser Definition Errors detected:" with all of them listed. (So
    // does the import of the parser module, which builds the shared instance the same way.)
    expect(() => new VisitParser()).not.toThrow();
  });

  it('find no definition error in the lexer (patterns that cannot match, duplicates)', () => {
    const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: false, deferDefinitionErrorsHandling: true });
    expect(lexer.lexerDefinitionErrors.map((e) => e.message)).toEqual([]);
  });
});
