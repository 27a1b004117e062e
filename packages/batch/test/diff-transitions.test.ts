// diffRecords (LANGUAGE.md §17): tables of old rules × new rules × records → hand-computed
// transition matrices, group changes, one-sided programmes and groups, the lines whose verdict
// change moved rows, invalid rows; the three ways of making two sides (two texts, two param sets,
// two dates with §13's dated params) give the same transitions for the same change.

import { describe, expect, it } from 'vitest';
import { diffRecords, renderDiff, type DiffResult, type Matrix, type Outcome, type ChangedRow } from '../src/index';

const RECORD = `
record R {
  id:   text key
  a:    integer 0..10 optional
  b:    boolean
  kind: one of (x, y)
}
`;

const OLD = `${RECORD}
param t = 5
group big = a >= t
program p "P" {
  require big "A is big enough"
  require b   "B"
}
`;

const NEW_T3 = OLD.replace('param t = 5', 'param t = 3');

const DATED = OLD.replace('param t = 5', 'param t = 5\nparam t = 3 from 2027-01-01');

const RECORDS = [
  { id: 'r1', a: 4, b: true, kind: 'x' }, // ineligible → eligible (a >= 3 now)
  { id: 'r2', a: 6, b: true, kind: 'x' }, // eligible → eligible
  { id: 'r3', b: true, kind: 'y' }, // undetermined → undetermined (a missing)
  { id: 'r4', a: 2, b: true, kind: 'x' }, // ineligible → ineligible
  { id: 'r5', a: 4, b: false, kind: 'y' }, // ineligible → ineligible (big changes, the outcome does not)
];

type M = [number, number, number][];
const O = ['eligible', 'ineligible', 'undetermined'] as const;
const T = ['true', 'false', 'unknown'] as const;
function matrix(rows: M, keys: readonly string[] = O): Matrix<string> {
  return Object.fromEntries(keys.map((k, i) => [k, Object.fromEntries(keys.map((c, j) => [c, rows[i]![j]!]))]));
}

const THRESHOLD_CHANGE: M = [
  [1, 0, 0],
  [1, 2, 0],
  [0, 0, 1],
];
const BIG_CHANGE: M = [
  [1, 0, 0],
  [2, 1, 0],
  [0, 0, 1],
];

function expectThresholdChange(d: DiffResult) {
  expect(d.rows).toBe(5);
  expect(d.valid).toBe(5);
  expect(d.changedRows).toBe(1);
  expect(d.programs).toEqual([{ name: 'p', label: 'P', matrix: matrix(THRESHOLD_CHANGE), changed: 1 }]);
  expect(d.groups).toEqual([{ name: 'big', matrix: matrix(BIG_CHANGE, T), changed: 2 }]);
  expect(d.lines).toEqual([
    { program: 'p', kind: 'require', source: 'big', label: 'A is big enough', oldLine: 12, newLine: 12, was: 'fails', now: 'passes', from: 'ineligible', to: 'eligible', rows: 1 },
  ]);
  expect(d.onlyOld).toEqual([]);
  expect(d.onlyNew).toEqual([]);
}

describe('the same change made three ways', () => {
  it('two rule texts', async () => {
    expectThresholdChange(await diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' }));
  });
  it('one text, two param sets', async () => {
    const d = await diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: OLD, asOf: '2026-11-23', params: { t: '3' } });
    expectThresholdChange(d);
    expect(d.new.params).toEqual({ t: '3' });
    expect(d.old.sha256).toBe(d.new.sha256);
  });
  it('one text with a dated param, at two dates (a law change)', async () => {
    const d = await diffRecords(RECORDS, { rules: DATED, asOf: '2026-12-31' }, { rules: DATED, asOf: '2027-01-01' });
    expectThresholdChange({ ...d, lines: d.lines.map((l) => ({ ...l, oldLine: 12, newLine: 12 })) });
    expect(d.lines[0]!.newLine).toBe(13);
    expect([d.old.asOf, d.new.asOf]).toEqual(['2026-12-31', '2027-01-01']);
  });
  it('the same dated text at one date on both sides changes nothing', async () => {
    const d = await diffRecords(RECORDS, { rules: DATED, asOf: '2027-02-01' }, { rules: DATED, asOf: '2027-03-01' });
    expect(d.changedRows).toBe(0);
    expect(d.lines).toEqual([]);
  });
});

describe('tables of changes', () => {
  const cases: {
    name: string;
    old: string;
    new: string;
    records: Record<string, unknown>[];
    programs: [string, M][];
    lines?: [string, string, string, Outcome, Outcome, number][];
    onlyOld?: [string, Record<string, number>][];
    onlyNew?: [string, Record<string, number>][];
    invalid?: [number, number, number];
    valid?: number;
  }[] = [
    {
      name: 'a new exclude line',
      old: OLD,
      new: OLD.replace('require b   "B"', 'require b   "B"\n  exclude kind = y "not y"'),
      records: [
        { id: '1', a: 6, b: true, kind: 'y' }, // E → I (the new line fails)
        { id: '2', a: 6, b: true, kind: 'x' }, // E → E
        { id: '3', b: true, kind: 'y' }, // U → I
        { id: '4', b: true, kind: 'x' }, // U → U
      ],
      programs: [
        [
          'p',
          [
            [1, 1, 0],
            [0, 0, 0],
            [0, 1, 1],
          ],
        ],
      ],
      lines: [
        ['kind = y', 'absent', 'fails', 'eligible', 'ineligible', 1],
        ['kind = y', 'absent', 'fails', 'undetermined', 'ineligible', 1],
      ],
    },
    {
      name: 'a removed require line',
      old: OLD,
      new: OLD.replace('  require b   "B"\n', ''),
      records: [
        { id: '1', a: 6, b: false, kind: 'x' }, // I → E (b no longer required)
        { id: '2', a: 6, b: true, kind: 'x' }, // E → E
        { id: '3', a: 1, b: false, kind: 'x' }, // I → I
      ],
      programs: [
        [
          'p',
          [
            [1, 0, 0],
            [1, 1, 0],
            [0, 0, 0],
          ],
        ],
      ],
      lines: [['b', 'fails', 'absent', 'ineligible', 'eligible', 1]],
    },
    {
      name: 'programmes and groups on one side only',
      old: `${OLD}\ngroup gx = kind = x\nprogram r "R" { require gx "x" }\n`,
      new: `${OLD}\nprogram q "Q" { require a >= 8 "high" }\n`,
      records: [
        { id: '1', a: 9, b: true, kind: 'x' },
        { id: '2', a: 1, b: true, kind: 'y' },
        { id: '3', b: true, kind: 'x' },
      ],
      programs: [
        [
          'p',
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        ],
      ],
      onlyOld: [
        ['r', { eligible: 2, ineligible: 1, undetermined: 0 }],
        ['gx', { true: 2, false: 1, unknown: 0 }],
      ],
      onlyNew: [['q', { eligible: 1, ineligible: 1, undetermined: 1 }]],
    },
    {
      name: 'a field the new record requires: every row invalid on the new side only',
      old: OLD,
      new: OLD.replace('kind: one of (x, y)', 'kind: one of (x, y)\n  c: integer'),
      records: [
        { id: '1', a: 9, b: true, kind: 'x' },
        { id: '2', a: 1, b: true, kind: 'z' }, // invalid on both sides (z is no kind)
      ],
      programs: [
        [
          'p',
          [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        ],
      ],
      invalid: [1, 0, 1],
      valid: 0,
    },
  ];
  it.each(cases)('$name', async (c) => {
    const changed: ChangedRow[] = [];
    const d = await diffRecords(c.records, { rules: c.old, asOf: '2026-11-23' }, { rules: c.new, asOf: '2026-11-23' }, { onChangedRow: (r) => void changed.push(r) });
    expect(d.programs.map((p) => [p.name, p.matrix])).toEqual(c.programs.map(([n, m]) => [n, matrix(m)]));
    if (c.lines) expect(d.lines.map((l) => [l.source, l.was, l.now, l.from, l.to, l.rows])).toEqual(c.lines);
    expect(d.onlyOld.map((x) => [x.name, x.counts])).toEqual(c.onlyOld ?? []);
    expect(d.onlyNew.map((x) => [x.name, x.counts])).toEqual(c.onlyNew ?? []);
    const [both, oldOnly, newOnly] = c.invalid ?? [0, 0, 0];
    expect(d.invalid).toEqual({ both, oldOnly, newOnly });
    expect(d.valid).toBe(c.valid ?? c.records.length);
    // The changed rows are exactly the off-diagonal cells (and rows that turned invalid).
    const offDiagonal = d.programs.reduce((n, p) => n + p.changed, 0);
    expect(changed.filter((r) => r.old !== 'invalid' && r.new !== 'invalid')).toHaveLength(offDiagonal);
    expect(changed.filter((r) => r.old === 'invalid' || r.new === 'invalid')).toHaveLength((oldOnly + newOnly) * d.programs.length);
  });
});

describe('changed rows', () => {
  it('one per changed (row, programme), with the row number and id', async () => {
    const rows: ChangedRow[] = [];
    await diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' }, { onChangedRow: (r) => void rows.push(r) });
    expect(rows).toEqual([{ row: 1, id: 'r1', program: 'p', old: 'ineligible', new: 'eligible' }]);
  });
});

describe('personal data in the rules', () => {
  it('a line comparing a personal field with a literal is named with the literal masked', async () => {
    const personal = `record P {
  cpr: text key personal
  n:   integer
}
program p "P" {
  require n > 2
}
`;
    const changed = personal.replace('require n > 2', 'require n > 2\n  exclude cpr = "0101701234" "one citizen left out"');
    const d = await diffRecords([{ cpr: '0101701234', n: 5 }, { cpr: '0202802345', n: 5 }], { rules: personal, asOf: '2026-11-23' }, { rules: changed, asOf: '2026-11-23' });
    expect(d.lines).toEqual([expect.objectContaining({ kind: 'exclude', was: 'absent', now: 'fails', from: 'eligible', to: 'ineligible', rows: 1 })]);
    const text = JSON.stringify(d) + renderDiff(d);
    expect(text).not.toContain('0101701234');
    expect(text).not.toContain('0202802345');
    expect(d.lines[0]!.source).toMatch(/^cpr = •+$/);
  });
});

describe('--by', () => {
  it('the matrices per key, keys in declaration order', async () => {
    const d = await diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' }, { by: ['kind', 'a:5'] });
    expect(d.by.map((b) => [b.spec, b.keys.map((k) => [k.key, k.rows, k.programs[0]!.changed])])).toEqual([
      ['kind', [['x', 3, 1], ['y', 2, 0]]],
      ['a:5', [['0–4', 3, 1], ['5–9', 1, 0], ['missing', 1, 0]]],
    ]);
    expect(d.by[0]!.keys[0]!.programs[0]!.matrix).toEqual(matrix([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]));
  });
  it('a bad spec is a RulesError naming it', async () => {
    await expect(diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' }, { by: ['nosuch'] })).rejects.toThrow(/--by nosuch: no field nosuch/);
  });
});

describe('rule errors name the side', () => {
  it('old', async () => {
    await expect(diffRecords(RECORDS, { rules: OLD.replace('require b', 'require bb'), asOf: '2026-11-23' }, { rules: OLD, asOf: '2026-11-23' })).rejects.toThrow(/the old rules have 1 error/);
  });
  it('new', async () => {
    await expect(diffRecords(RECORDS, { rules: OLD, asOf: '2026-11-23' }, { rules: OLD, asOf: '2026-11-23', params: { t: 'yes' } })).rejects.toThrow(/the new rules have/);
  });
});

describe('CSV bytes are read once, into both sides', () => {
  it('the same transitions as the records as objects', async () => {
    const csv = 'id;a;b;kind\nr1;4;ja;x\nr2;6;ja;x\nr3;;ja;y\nr4;2;ja;x\nr5;4;nej;y\n';
    const d = await diffRecords(new TextEncoder().encode(csv), { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' });
    expectThresholdChange(d);
  });
  it('a malformed CSV row is invalid on both sides', async () => {
    const csv = 'id,a,b,kind\nr1,4,true,x\nr2,"6,true,x\nr3,1,true,x\n';
    const d = await diffRecords(new TextEncoder().encode(csv), { rules: OLD, asOf: '2026-11-23' }, { rules: NEW_T3, asOf: '2026-11-23' });
    expect(d.rows).toBe(3);
    expect(d.invalid).toEqual({ both: 1, oldOnly: 0, newOnly: 0 });
  });
});
