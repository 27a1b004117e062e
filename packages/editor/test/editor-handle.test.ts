// The handle mountVisitEditor returns, driven as an integrator would from their page (the built
// library, imported by the embedding example's page): screened() right after mounting, events
// with their payloads and unsubscribing, diagnostics(), jsonLogic() as `visit compile` writes it,
// explain() of a row and of a record, and dispose().
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitEditorHandle, VisitEditorOptions } from '../src/types';
import { canRunBrowser, openEditor, repoRoot, type EditorSession } from './support/browser';

const rules = `record Borger {
  cpr:      text key personal "CPR-nummer"
  literacy: integer 1..5 optional "Læseniveau"
  benefit:  one of (dagpenge, kontanthjaelp) "Ydelse"
}

param min_læs = 3 "Mindste læseniveau"

program jobklub "Jobklub" {
  require benefit = dagpenge "For dagpengemodtagere"
  require literacy >= min_læs "Læser godt nok"
}
`;
const records = [
  { cpr: '0101701234', literacy: 4, benefit: 'dagpenge' },
  { cpr: '0202801234', literacy: 2, benefit: 'dagpenge' },
  { cpr: '0303901234', benefit: 'kontanthjaelp' },
  { cpr: '0404001234', benefit: 'dagpenge' },
];
const AS_OF = '2026-11-23';

/** What the page keeps: the handles it mounted and what their listeners heard. */
type HandleWindow = Window & {
  mounted: VisitEditorHandle[];
  mount: (options: VisitEditorOptions) => Promise<number>;
};

/** `visit compile` on the same rules: the oracle for jsonLogic(). */
function visitCompile(text: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'visit-handle-'));
  try {
    writeFileSync(join(dir, 'rules.visit'), text);
    return JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'scripts/visit.mjs'), 'compile', join(dir, 'rules.visit'), '--as-of', AS_OF], { cwd: repoRoot, encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(canRunBrowser)('the editor handle', () => {
  let s: EditorSession;
  beforeAll(async () => {
    s = await openEditor('examples/embed.html');
    await s.page.waitForFunction(() => window.visit !== undefined);
    // The page's own editor is left alone: each test mounts its own from the built library (a
    // module script: vitest would rewrite an import() written inside page.evaluate).
    await s.page.addScriptTag({
      type: 'module',
      content: `
        import { mountVisitEditor } from '../dist-lib/visit-editor.js';
        window.mounted = [];
        window.mount = async (options) => {
          const element = document.createElement('div');
          element.className = 'mounted';
          element.style.height = '500px';
          document.body.append(element);
          window.mounted.push(mountVisitEditor(element, options));
          return window.mounted.length - 1;
        };`,
    });
    await s.page.waitForFunction(() => (window as unknown as HandleWindow).mount !== undefined);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('screened() right after mounting with records waits for them and gives their outcomes', async () => {
    const result = await s.page.evaluate(
      async ([value, records, asOf]) => {
        const w = window as unknown as HandleWindow;
        const h = w.mounted[await w.mount({ value, records, asOf })]!;
        const r = await h.screened();
        return r && { errors: r.errors, programs: r.programs, counts: r.counts, ids: r.ids, programValues: [...r.programValues], asOf: r.asOf };
      },
      [rules, records, AS_OF] as const,
    );
    expect(result).toEqual({
      errors: [],
      programs: ['jobklub'],
      counts: [[1, 2, 1]],
      // The key is personal: masked.
      ids: ['•••', '•••', '•••', '•••'],
      programValues: [0, 1, 1, 2],
      asOf: AS_OF,
    });
  });

  it('onChange, onScreened and onDiagnostics fire with their payloads, and not after unsubscribing', async () => {
    const misspelt = rules.replace('literacy >= min_læs', 'literacyy >= min_læs');
    const heard = await s.page.evaluate(
      async ([value, records, asOf, misspelt]) => {
        const w = window as unknown as HandleWindow;
        const h = w.mounted[await w.mount({ value, records, asOf })]!;
        await h.screened();
        const heard: { event: string; payload: unknown }[] = [];
        const offs = [
          h.onChange((text) => heard.push({ event: 'change', payload: text })),
          h.onScreened((r) => heard.push({ event: 'screened', payload: { errors: r.errors, counts: r.counts } })),
          h.onDiagnostics((ds) => heard.push({ event: 'diagnostics', payload: ds.map((d) => ({ message: d.message, severity: d.severity, range: d.range })) })),
        ];
        const until = async (event: string) => {
          for (let i = 0; i < 200 && !heard.some((x) => x.event === event); i++) await new Promise((r) => setTimeout(r, 25));
        };
        h.setValue(misspelt);
        await until('diagnostics');
        await h.screened();
        const before = heard.length;
        for (const off of offs) off();
        h.setValue(value);
        await h.screened();
        await new Promise((r) => setTimeout(r, 500));
        return { heard, after: heard.length - before };
      },
      [rules, records, AS_OF, misspelt] as const,
    );
    expect(heard.after).toBe(0);
    expect(heard.heard.filter((x) => x.event === 'change')).toEqual([{ event: 'change', payload: misspelt }]);
    const screened = heard.heard.filter((x) => x.event === 'screened');
    expect(screened).toHaveLength(1);
    expect((screened[0]!.payload as { errors: string[] }).errors).toEqual([expect.stringContaining("unknown name 'literacyy'")]);
    const diagnostics = heard.heard.filter((x) => x.event === 'diagnostics');
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    const line = misspelt.split('\n').findIndex((l) => l.includes('literacyy'));
    const character = misspelt.split('\n')[line]!.indexOf('literacyy');
    expect(diagnostics.at(-1)!.payload).toEqual([
      { message: expect.stringContaining("unknown name 'literacyy'"), severity: 1, range: { start: { line, character }, end: { line, character: character + 'literacyy'.length } } },
    ]);
  });

  it('diagnostics() checks the text now: a misspelt field, then none once fixed', async () => {
    const got = await s.page.evaluate(
      async ([value, misspelt]) => {
        const w = window as unknown as HandleWindow;
        const h = w.mounted[await w.mount({ value: misspelt })]!;
        const wrong = await h.diagnostics();
        h.setValue(value);
        const right = await h.diagnostics();
        return { wrong: wrong.diagnostics.map((d) => ({ message: d.message, code: d.code })), right: right.diagnostics.length, ms: wrong.ms };
      },
      [rules, rules.replace('benefit = dagpenge', 'benefitt = dagpenge')] as const,
    );
    expect(got.wrong).toEqual([{ message: expect.stringMatching(/unknown name 'benefitt'.*did you mean 'benefit'/), code: expect.any(String) }]);
    expect(got.right).toBe(0);
    expect(got.ms).toBeGreaterThanOrEqual(0);
  });

  it("jsonLogic() gives visit compile's document; rules with errors give their errors", async () => {
    const got = await s.page.evaluate(
      async ([value, asOf]) => {
        const w = window as unknown as HandleWindow;
        const h = w.mounted[await w.mount({ value, asOf })]!;
        const ok = await h.jsonLogic();
        h.setValue(value.replace('benefit = dagpenge', 'benefitt = dagpenge'));
        const broken = await h.jsonLogic();
        return { ok, broken };
      },
      [rules, AS_OF] as const,
    );
    expect(got.ok).toEqual({ ok: true, document: visitCompile(rules) });
    expect(got.broken).toEqual({ ok: false, errors: [expect.stringContaining("unknown name 'benefitt'")] });
  });

  it('explain(row) explains a loaded row; explain(record) the same record given as an object', async () => {
    const got = await s.page.evaluate(
      async ([value, records, asOf]) => {
        const w = window as unknown as HandleWindow;
        const h = w.mounted[await w.mount({ value, records, asOf })]!;
        const row = await h.explain(2);
        const record = await h.explain(records[1]!);
        const missing = await h.explain(99).then(
          () => 'resolved',
          (e: Error) => e.message,
        );
        return { row, record, missing };
      },
      [rules, records, AS_OF] as const,
    );
    const jobklub = got.row.programs.find((p) => p.name === 'jobklub')!;
    expect(got.row.row).toBe(2);
    expect(got.row.status).toBe('ok');
    expect(jobklub.outcome).toBe('ineligible');
    expect(jobklub.lines.map((l) => [l.kind, l.source, l.value, l.failed])).toEqual([
      ['require', 'benefit = dagpenge', true, false],
      ['require', 'literacy >= min_læs', false, true],
    ]);
    expect(jobklub.lines[1]!.fields).toEqual([{ name: 'literacy', label: 'Læseniveau', value: 2 }]);
    expect({ ...got.record, row: 2 }).toEqual(got.row);
    expect(got.missing).toContain('no row 99');
    // The personal key never appears in an explanation.
    expect(JSON.stringify(got)).not.toContain('0202801234');
  });

  it('dispose() removes the editor from the page, stops its workers and its events', async () => {
    const got = await s.page.evaluate(
      async ([value, records, asOf]) => {
        const w = window as unknown as HandleWindow;
        const i = await w.mount({ value, records, asOf });
        const h = w.mounted[i]!;
        await h.screened();
        const element = document.querySelectorAll('.mounted')[i]!;
        const before = element.childElementCount;
        const heard: string[] = [];
        h.onScreened(() => heard.push('screened'));
        h.onDiagnostics(() => heard.push('diagnostics'));
        h.onChange(() => heard.push('change'));
        h.setValue(`${value}\n`);
        h.dispose();
        await new Promise((r) => setTimeout(r, 800));
        return { before, after: element.childElementCount, heard: heard.filter((e) => e !== 'change') };
      },
      [rules, records, AS_OF] as const,
    );
    expect(got.before).toBeGreaterThan(0);
    expect(got.after).toBe(0);
    expect(got.heard).toEqual([]);
  });
});
