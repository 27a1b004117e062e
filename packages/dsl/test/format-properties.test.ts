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
    // `keyword` is the position of a `where` (§12): a position, like `range`.
    if (key === 'id' || key === 'range' || key === 'keyword') return undefined;
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
  | { k: 'call'; f: string; args: Expr[] }
  /** §12: any/all/none/count(L [where c]) and time_in(L [where c], last N unit). */
  | { k: 'aggregate'; f: string; list: string; where?: Expr; window?: readonly string[] };

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
    fc.record({ k: fc.constant('call' as const), f: fc.constantFrom('age_of', 'time_since', 'time_between'), args: fc.array(tie('expr'), { maxLength: 2 }) }),
    fc.record(
      {
        k: fc.constant('aggregate' as const),
        f: fc.constantFrom('any', 'all', 'none', 'count', 'time_in'),
        list: fc.constantFrom('forløb', 'samtaler', 'list'),
        where: tie('expr'),
        window: fc.constantFrom(['last', '52', 'weeks'], ['last', '1', 'year'], ['last', '14', 'days']),
      },
      { requiredKeys: ['k', 'f', 'list'] },
    ),
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
    case 'aggregate': {
      const first = [e.list, ...(e.where ? ['where', ...render(e.where, paren)] : [])];
      return [e.f, '(', ...first, ...(e.f === 'time_in' && e.window ? [',', ...e.window] : []), ')'];
    }
  }
}

const fieldDecl = fc
  .tuple(
    fc.constantFrom('cpr', 'født', 'uger', 'ydelse', 'læs'),
    fc.constantFrom(
      ['text'],
      ['date'],
      ['integer', '1', '..', '5'],
      ['number', 'in', 'weeks'],
      ['integer', '-', '2', '..', '3', 'in', 'days'],
      ['one', 'of', '(', 'x', ',', 'y', ')'],
      ['boolean'],
      // §12: short (one line), long (one element field per line), labelled, empty
      ['list', 'of', '{', 'start', ':', 'date', ',', 'end', ':', 'date', 'optional', '}'],
      ['list', 'of', '{', 'kind', ':', 'one', 'of', '(', 'dagpenge', ',', 'kontanthjaelp', ',', 'jobklub', ',', 'virksomhedspraktik', ')', 'start', ':', 'date', 'end', ':', 'date', 'optional', '}'],
      ['list', 'of', '{', 'dato', ':', 'date', '"Dato"', 'note', ':', 'text', 'personal', '}'],
      ['list', 'of', '{', '}'],
    ),
    fc.subarray(['optional', 'key', 'personal']),
    fc.option(fc.constantFrom('"Label"', '"Læseniveau (FVU-trin)"'), { nil: undefined }),
  )
  .map(([n, type, mods, label]) => [n, ':', ...type, ...mods, ...(label ? [label] : [])]);

type Decl = (paren: () => boolean) => string[];
/** §13: a validity, or none. */
const validity = fc.constantFrom([], [], ['from', '2017-01-01'], ['until', '2016-12-31'], ['from', '2015-11-01', 'until', '2016-12-31']);

const declaration: fc.Arbitrary<Decl> = fc.oneof(
  fc.array(fieldDecl, { maxLength: 4 }).map((fields) => () => ['record', 'R', '{', ...fields.flat(), '}']),
  fc.tuple(fc.constantFrom(...names), validity, fc.constantFrom('=', '=='), expr).map(([n, v, eq, e]) => (p: () => boolean) => ['let', n, ...v, eq, ...render(e, p)]),
  fc.tuple(fc.constantFrom(...names), fc.constantFrom(['6', 'months'], ['-', '3'], ['"t"'], ['true'], ['2026-01-01']), fc.option(fc.constant('"Param label"'), { nil: undefined }), validity).map(
    ([n, value, label, v]) => () => ['param', n, '=', ...value, ...(label ? [label] : []), ...v],
  ),
  fc.tuple(fc.constantFrom(...names), fc.option(fc.constant('"Gruppe"'), { nil: undefined }), validity, expr).map(([n, label, v, e]) => (p: () => boolean) => ['group', n, ...(label ? [label] : []), ...v, '=', ...render(e, p)]),
  fc.tuple(fc.constantFrom(...names), fc.option(fc.constant('"Program"'), { nil: undefined }), validity, fc.array(fc.tuple(fc.constantFrom('require', 'exclude'), expr, fc.option(fc.constant('"Linje"'), { nil: undefined })), { maxLength: 3 })).map(
    ([n, label, v, lines]) => (p: () => boolean) => ['program', n, ...(label ? [label] : []), ...v, '{', ...lines.flatMap(([mode, e, l]) => [mode, ...render(e, p), ...(l ? [l] : [])]), '}'],
  ),
  fc
    .array(
      fc.constantFrom(
        ['as', 'of', '2026-11-23'],
        ['given', '{', 'a', ':', '1', ',', 'b', ':', 'x', '}'],
        ['given', '{', '}'],
        // §12: list literals, short and long, with and without commas, empty, with empty elements
        ['given', '{', 'forløb', ':', '[', '{', 'kind', ':', 'jobklub', ',', 'start', ':', '2025-01-06', ',', 'end', ':', '2025-03-28', '}', ']', '}'],
        ['given', '{', 'a', ':', '1', ',', 'samtaler', ':', '[', ']', ',', 'forløb', ':', '[', '{', 'kind', ':', 'dagpenge', ',', 'start', ':', '2025-01-06', '}', ',', '{', 'kind', ':', 'kontanthjaelp', 'start', ':', '2025-06-01', ',', 'end', ':', '2025-12-31', ',', '}', ',', '{', '}', ',', ']', '}'],
        ['given', '{', 'samtaler', ':', '[', '{', 'dato', ':', '2026-05-24', ',', 'form', ':', 'individuel', '}', ',', '{', 'dato', ':', '2026-07-01', ',', 'form', ':', 'gruppe', '}', ',', '{', 'dato', ':', '2026-09-15', ',', 'form', ':', 'individuel', '}', ']', '}'], ['with', 'a', '=', '1', ',', 'b', '=', '2', 'months'], ['expect', 'g'], ['expect', 'not', 'g'], ['expect', 'p', 'eligible'], ['expect', 'g', 'true']),
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
    // The forms of §11–§13 must be among the formatted sources, not only among the refused ones.
    const forms: Record<string, RegExp> = { where: / where /, last: /, last \d/, listType: /list of \{/, brokenListType: /list of \{\n/, given: /: \[\{ /, validity: / (from|until) \d{4}/ };
    const seen = Object.fromEntries(Object.keys(forms).map((k) => [k, 0]));
    fc.assert(
      fc.property(source, (src) => {
        const r = formatSource(src);
        if (!r.ok) return; // syntax errors: the formatter refuses, checked in format.test.ts
        formattedCount++;
        for (const [k, re] of Object.entries(forms)) if (re.test(r.text)) seen[k]!++;
        expect(shape(r.text)).toBe(shape(src));
        expect(formatted(r.text)).toBe(r.text);
        expect(commentTexts(r.text)).toEqual(commentTexts(src));
      }),
      { numRuns: 1000 },
    );
    // Most generated sources parse; the property must not pass by refusing everything.
    expect(formattedCount).toBeGreaterThan(200);
    for (const k of Object.keys(forms)) expect(seen[k], k).toBeGreaterThan(10);
  });
});
