// Properties of the formatter over every example file and over generated sources: the AST is
// unchanged, formatting is idempotent, and every comment survives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, tokens } from '../src/index';
import { formatSource } from '../src/service/format';

/** The AST without ids and positions: what formatting must not change. */
function shape(source: string): string {
  return JSON.stringify(parse(source).file.declarations, (key, value: unknown) => {
    if (key === 'id' || key === 'range') return undefined;
    // Key order is not meaning (a test's `as of` and `given` may be built in either order).
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
    }
    return value;
  });
}

function commentTexts(source: string): string[] {
  const lexed = tokens.VisitLexer.tokenize(source);
  return (lexed.groups.comments ?? []).map((c) => c.image.trimEnd()).sort();
}

function formatted(source: string): string {
  const r = formatSource(source);
  if (!r.ok) throw new Error(`not formatted: ${r.reason}`);
  return r.text;
}

const root = join(__dirname, '../../../examples');
const exampleFiles = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.visit'))
  .map((f) => join(root, f));

describe('formatting the example files', () => {
  it('finds the example files', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(2);
  });
  it.each(exampleFiles)('%s: same AST, idempotent, comments kept', (file) => {
    const source = readFileSync(file, 'utf8');
    const once = formatted(source);
    expect(shape(once)).toBe(shape(source));
    expect(formatted(once)).toBe(once);
    expect(commentTexts(once)).toEqual(commentTexts(source));
  });
});

// ------------------------------------------------------------------ generated sources

type Expr =
  | { k: 'leaf'; text: string }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'binary'; op: string; l: Expr; r: Expr }
  | { k: 'between'; v: Expr; lo: Expr; hi: Expr }
  | { k: 'in'; not: boolean; v: Expr; items: string[] }
  | { k: 'is'; v: Expr; test: string }
  | { k: 'atLeast'; n: number; items: Expr[] }
  | { k: 'call'; f: string; args: Expr[] };

const names = ['a', 'b', 'ledighed', 'målgruppe', 'x_1', 'øvrige'];
const leaf = fc.oneof(
  fc.constantFrom(...names),
  fc.constantFrom('0', '6', '2.5', '12'),
  fc.constantFrom('6 months', '1 year', '2 years', '26 weeks', '14 day'),
  fc.constantFrom('2026-11-23', '"tekst"', '"a \\" b"', 'true', 'false'),
).map((text): Expr => ({ k: 'leaf', text }));

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ k: fc.constant('unary' as const), op: fc.constantFrom('not', '!', '-'), e: tie('expr') }),
    fc.record({
      k: fc.constant('binary' as const),
      op: fc.constantFrom('and', '&&', 'or', '||', '=', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'),
      l: tie('expr'),
      r: tie('expr'),
    }),
    fc.record({ k: fc.constant('between' as const), v: tie('expr'), lo: tie('expr'), hi: tie('expr') }),
    fc.record({ k: fc.constant('in' as const), not: fc.boolean(), v: tie('expr'), items: fc.array(fc.constantFrom('x', 'y', '3', '"t"'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ k: fc.constant('is' as const), v: tie('expr'), test: fc.constantFrom('known', 'missing') }),
    fc.record({ k: fc.constant('atLeast' as const), n: fc.nat(3), items: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ k: fc.constant('call' as const), f: fc.constantFrom('age_of', 'time_since'), args: fc.array(tie('expr'), { maxLength: 2 }) }),
  ),
}));

/** Renders with parentheses around a compound child when `paren` says so (some of them redundant). */
function render(e: Expr, paren: () => boolean): string[] {
  const child = (c: Expr): string[] => (c.k === 'leaf' || c.k === 'atLeast' || c.k === 'call' ? (paren() && paren() ? ['(', ...render(c, paren), ')'] : render(c, paren)) : paren() ? ['(', ...render(c, paren), ')'] : render(c, paren));
  const list = (items: string[][]): string[] => items.flatMap((it, i) => (i > 0 ? [',', ...it] : it));
  switch (e.k) {
    case 'leaf':
      return e.text.split(' ');
    case 'unary':
      return [e.op, ...child(e.e)];
    case 'binary':
      return [...child(e.l), e.op, ...child(e.r)];
    case 'between':
      return [...child(e.v), 'between', ...child(e.lo), 'and', ...child(e.hi)];
    case 'in':
      return [...child(e.v), ...(e.not ? ['not'] : []), 'in', '(', ...list(e.items.map((i) => [i])), ')'];
    case 'is':
      return [...child(e.v), 'is', e.test];
    case 'atLeast':
      return ['at', 'least', String(e.n), 'of', '(', ...list(e.items.map((i) => render(i, paren))), ')'];
    case 'call':
      return [e.f, '(', ...list(e.args.map((a) => render(a, paren))), ')'];
  }
}

const fieldDecl = fc
  .tuple(
    fc.constantFrom('cpr', 'født', 'uger', 'ydelse', 'læs'),
    fc.constantFrom(['text'], ['date'], ['integer', '1', '..', '5'], ['number', 'in', 'weeks'], ['integer', '-', '2', '..', '3', 'in', 'days'], ['one', 'of', '(', 'x', ',', 'y', ')'], ['boolean']),
    fc.subarray(['optional', 'key', 'personal']),
    fc.option(fc.constantFrom('"Label"', '"Læseniveau (FVU-trin)"'), { nil: undefined }),
  )
  .map(([n, type, mods, label]) => [n, ':', ...type, ...mods, ...(label ? [label] : [])]);

type Decl = (paren: () => boolean) => string[];
const declaration: fc.Arbitrary<Decl> = fc.oneof(
  fc.array(fieldDecl, { maxLength: 4 }).map((fields) => () => ['record', 'R', '{', ...fields.flat(), '}']),
  fc.tuple(fc.constantFrom(...names), fc.constantFrom('=', '=='), expr).map(([n, eq, e]) => (p: () => boolean) => ['let', n, eq, ...render(e, p)]),
  fc.tuple(fc.constantFrom(...names), fc.constantFrom(['6', 'months'], ['-', '3'], ['"t"'], ['true'], ['2026-01-01']), fc.option(fc.constant('"Param label"'), { nil: undefined })).map(
    ([n, v, label]) => () => ['param', n, '=', ...v, ...(label ? [label] : [])],
  ),
  fc.tuple(fc.constantFrom(...names), fc.option(fc.constant('"Gruppe"'), { nil: undefined }), expr).map(([n, label, e]) => (p: () => boolean) => ['group', n, ...(label ? [label] : []), '=', ...render(e, p)]),
  fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(fc.constantFrom('require', 'exclude'), expr, fc.option(fc.constant('"Linje"'), { nil: undefined })), { maxLength: 3 })).map(
    ([n, lines]) => (p: () => boolean) => ['program', n, '{', ...lines.flatMap(([mode, e, label]) => [mode, ...render(e, p), ...(label ? [label] : [])]), '}'],
  ),
  fc
    .array(
      fc.constantFrom(['as', 'of', '2026-11-23'], ['given', '{', 'a', ':', '1', ',', 'b', ':', 'x', '}'], ['given', '{', '}'], ['with', 'a', '=', '1', ',', 'b', '=', '2', 'months'], ['expect', 'g'], ['expect', 'not', 'g'], ['expect', 'p', 'eligible'], ['expect', 'g', 'true']),
      { maxLength: 5 },
    )
    .map((items) => () => ['test', '"Et eksempel"', '{', ...items.flat(), '}']),
);

const separators = [' ', ' ', ' ', '  ', '\n', '\n  ', '\n\n', '\t', ' /* c */ ', ' // c\n', '\n// eget\n', '\n/* blok\n   over linjer */\n', '\n// tom efter\n\n'];

const source = fc
  .tuple(fc.array(declaration, { minLength: 1, maxLength: 5 }), fc.infiniteStream(fc.boolean()), fc.infiniteStream(fc.constantFrom(...separators)))
  .map(([decls, parens, seps]) => {
    const p = () => parens.next().value as boolean;
    const toks = decls.flatMap((d) => d(p));
    return toks.map((t, i) => (i === 0 ? t : `${seps.next().value as string}${t}`)).join('') + (seps.next().value as string);
  });

describe('formatting generated sources', () => {
  it('keeps the AST, is idempotent and keeps every comment', () => {
    let formattedCount = 0;
    fc.assert(
      fc.property(source, (src) => {
        const r = formatSource(src);
        if (!r.ok) return; // syntax errors: the formatter refuses, checked in format.test.ts
        formattedCount++;
        expect(shape(r.text)).toBe(shape(src));
        expect(formatted(r.text)).toBe(r.text);
        expect(commentTexts(r.text)).toEqual(commentTexts(src));
      }),
      { numRuns: 1000 },
    );
    // Most generated sources parse; the property must not pass by refusing everything.
    expect(formattedCount).toBeGreaterThan(200);
  });
});
