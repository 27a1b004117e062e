// Names inside `L where c` (LANGUAGE.md §12): the element's fields first, then params, then lets
// that read no record field; a record field, a group or a let that reads the record is an error
// that says why (portability), with "did you mean" over the element's fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, type Expression, type Resolution } from '../src/index';
import { codes, historyRecord, messages } from './support/histories';

/** What each reference in the where condition of group g resolves to, as `name:kind[:list]`. */
function resolved(snippet: string): string[] {
  const c = check(historyRecord + snippet);
  const out: string[] = [];
  const walk = (e: Expression, inWhere: boolean): void => {
    if (e.kind === 'Reference' && inWhere) {
      const r: Resolution | undefined = c.resolutions.get(e.id);
      out.push(`${e.name}:${r ? (r.kind === 'element' ? `element:${r.list.name.text}` : r.kind) : 'none'}`);
    }
    if (e.kind === 'Where') {
      walk(e.list, false);
      walk(e.condition, true);
      return;
    }
    for (const child of childrenOf(e)) walk(child, inWhere);
  };
  walk(c.groups.get('g')!.condition, false);
  return out;
}

function childrenOf(e: Expression): Expression[] {
  switch (e.kind) {
    case 'Call':
      return e.args;
    case 'Not':
    case 'Negate':
      return [e.operand];
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
      return [e.left, e.right];
    case 'Between':
      return [e.value, e.low, e.high];
    case 'In':
      return [e.value, ...e.items];
    case 'Is':
      return [e.value];
    case 'AtLeast':
      return e.items;
    case 'Window':
      return [e.length];
    default:
      return [];
  }
}

describe('what a name in a where condition means', () => {
  it.each<[string, string, string[]]>([
    ['element fields', 'group g = any(forløb where kind = jobklub and end is missing)', ['kind:element:forløb', 'jobklub:enumValue', 'end:element:forløb']],
    ['a param', 'param p = 12 months\ngroup g = any(forløb where time_since(end) < p)', ['end:element:forløb', 'p:param']],
    ['a let of a constant', 'let k = 6 months\ngroup g = any(forløb where time_since(start) >= k)', ['start:element:forløb', 'k:let']],
    ['a let of params only', 'param a = 2\nlet k = a * 2\ngroup g = count(samtaler where form = gruppe) > k', ['form:element:samtaler', 'gruppe:enumValue']],
    ['the element field before a record field of the same name', 'group g = any(sager where start > 2020-01-01)', ['start:element:sager']],
    ['the element field before a param of the same name', 'param start = 1\ngroup g = any(forløb where start > 2020-01-01) and start > 0', ['start:element:forløb']],
    ['an enum value that is also a program name', 'group g = any(forløb where kind = jobklub)\nprogram jobklub { require g }', ['kind:element:forløb', 'jobklub:enumValue']],
    ['the elements of the list filtered, not of another', 'group g = any(samtaler where dato > 2020-01-01) and any(forløb where start > 2020-01-01)', ['dato:element:samtaler', 'start:element:forløb']],
  ])('%s', (_title, snippet, expected) => {
    expect(codes(`${snippet}\n`)).toEqual([]);
    expect(resolved(`${snippet}\n`)).toEqual(expected);
  });

  it('reads the resolution of an element field as the element field of that list (checked.resolutions)', () => {
    const c = check(`${historyRecord}group g = any(forløb where end is missing)\n`);
    const g = c.groups.get('g')!;
    if (g.condition.kind !== 'Call' || g.condition.args[0]?.kind !== 'Where' || g.condition.args[0].condition.kind !== 'Is') throw new Error('shape');
    const end = g.condition.args[0].condition.value;
    const forløb = c.fields.get('forløb')!;
    const decl = forløb.type.kind === 'ListType' ? forløb.type.fields[2] : undefined;
    expect(c.resolutions.get(end.id)).toEqual({ kind: 'element', list: forløb, decl });
    expect(c.types.get(end.id)).toEqual({ kind: 'date' });
  });
});

describe('names that a where condition cannot read', () => {
  it.each<[string, string, string[], RegExp]>([
    ['a record field', 'group g = any(samtaler where dato > henvist)', ['where-reads-record 1:37'], /'henvist' is a field of the record: inside 'samtaler where …' only the element's fields \(dato, form, note\), params and lets that read no record field can be used, so that the criterion stays portable/],
    ['a record field close to an element field', 'group g = any(forløb where benefit = dagpenge)', ['where-reads-record 1:28'], /'benefit' is a field of the record/],
    ['a group', 'group h = benefit = dagpenge\ngroup g = any(forløb where h)', ['where-reads-record 2:28'], /'h' is a group/],
    ['a let that reads the record', 'let d = henvist\ngroup g = any(forløb where start > d)', ['where-reads-record 2:36'], /'d' is a let that reads the record/],
    ['a let that reads the record through a let', 'let d = henvist\nlet e = d\ngroup g = any(forløb where start > e)', ['where-reads-record 3:36'], /'e' is a let that reads the record/],
    ['a let that reads a list', 'let n = count(samtaler)\ngroup g = any(forløb where n > 1)', ['where-reads-record 2:28'], /'n' is a let that reads the record/],
    ['another list (no nested aggregates)', 'group g = any(forløb where count(samtaler) > 1)', ['where-reads-record 1:34'], /'samtaler' is a field of the record/],
    ['a misspelt element field', 'group g = any(forløb where knd = jobklub)', ['unknown-name 1:28'], /unknown name 'knd': expected a field of the elements of 'forløb', a param or a let — did you mean 'kind'\?/],
    ['a record field named like a misspelt element field', 'group g = any(sager where journl = "x")', ['unknown-name 1:27'], /did you mean 'journal'\?/],
    ['an element field outside where', 'group g = kind = jobklub', ['unknown-name 1:11'], /unknown name 'kind'/],
    ['an element field of another list', 'group g = any(samtaler where kind = jobklub)', ['unknown-name 1:30'], /elements of 'samtaler'/],
    ['a value not in the element enum', 'group g = any(forløb where kind = jobklb)', ['unknown-enum-value 1:35'], /'jobklb' is not a value of kind: .*did you mean 'jobklub'\?/],
  ])('%s', (_title, snippet, expected, message) => {
    expect(codes(`${snippet}\n`)).toEqual(expected);
    expect(messages(`${snippet}\n`).join('\n')).toMatch(message);
  });

  it('still types a let used inside where on its own (its body is not in the element scope)', () => {
    // `start` in the let is the record field, not the element's.
    const record = historyRecord.replace('  henvist:   date\n', '  henvist:   date\n  start:     date\n');
    const c = check(`${record}let s = start\ngroup g = any(forløb where start > 2020-01-01) and s > 2020-01-01\n`);
    expect(c.diagnostics).toEqual([]);
    const s = c.lets.get('s')!;
    expect(c.resolutions.get(s.value.id)?.kind).toBe('field');
  });
});

describe('personal element values', () => {
  it.each<[string, string]>([
    ['a literal compared with a personal element field', 'group g = any(samtaler where note = "Jens Hansen")'],
    ['a literal in a personal list', 'group g = any(sager where journal = "J-0101701234")'],
    ['a literal in a personal list, in a list', 'group g = any(sager where journal in ("Jens Hansen", "x"))'],
  ])('%s is masked', (_title, snippet) => {
    const source = `${historyRecord}${snippet}\n`;
    const c = check(source);
    const literals = [...source.matchAll(/"([^"]*)"/g)].filter((m) => m.index! > historyRecord.length).map((m) => m[0]);
    for (const l of literals) {
      const at = source.lastIndexOf(l);
      expect(c.personal.some((r) => r.start.offset === at && r.end.offset === at + l.length)).toBe(true);
    }
  });

  it('does not mask a literal compared with a non-personal element field of the same name as a personal record field', () => {
    const record = historyRecord.replace('  samtaler:', '  navn:      text personal\n  samtaler:').replace('note: text optional personal', 'navn: text optional');
    const source = `${record}group g = any(samtaler where navn = "gruppe")\n`;
    // The element field shadows the record field inside where: its value is not personal.
    expect(check(source).personal.some((r) => source.slice(r.start.offset, r.end.offset) === '"gruppe"')).toBe(false);
  });

  it('masks a personal value in messages about it', () => {
    const m = messages('group g = any(samtaler where note = 3)\n').join('\n');
    expect(m).toMatch(/type-mismatch|cannot compare/);
    expect(m).not.toContain("'3'");
  });
});

describe('where scopes over generated conditions', () => {
  // Atoms that a where condition over forløb may read, and atoms that read the record.
  const elementAtoms = ['kind = jobklub', 'kind in (dagpenge, loentilskud)', 'end is missing', 'start is known', 'time_since(end) < p', 'time_since(start) >= 6 months', 'start < 2020-01-01', 'time_between(start, end) > 4 weeks', 'end > start', 'k'];
  const recordAtoms = ['henvist > start', 'benefit = dagpenge', 'visiteret is missing', 'r'];
  const condition = (atoms: fc.Arbitrary<string>) =>
    fc.letrec<{ c: string }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small' },
        atoms,
        fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('c').map((a) => `not ${a}`),
      ),
    })).c;
  const prelude = 'param p = 12 months\nlet k = true\nlet r = henvist is known\n';

  it('a condition of element fields, params and record-free lets is clean, and each record atom in it is one where-reads-record', () => {
    fc.assert(
      fc.property(
        condition(fc.constantFrom(...elementAtoms)),
        fc.array(fc.constantFrom(...recordAtoms), { maxLength: 3 }),
        fc.constantFrom('any', 'all', 'none'),
        (c, extra, fn) => {
          // p, k and r are used by some conditions only: their unused warnings are not the point here.
          const errors = (src: string) => codes(src).filter((x) => !x.startsWith('unused-'));
          const clean = `${prelude}group g = ${fn}(forløb where ${c})\n`;
          expect(errors(clean)).toEqual([]);
          const withRecord = `${prelude}group g = ${fn}(forløb where ${[c, ...extra].join(' and ')})\n`;
          const found = errors(withRecord).map((x) => x.split(' ')[0]);
          expect(found).toEqual(extra.map(() => 'where-reads-record'));
        },
      ),
      { numRuns: 150 },
    );
  });
});
