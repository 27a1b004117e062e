// The library's declaration files, as an integrator's compiler sees them: dist-lib/index.d.ts and
// types.d.ts alone (no Monaco, engine or LSP types installed), checked by tsc with the strictest
// consumer flags under NodeNext. A wrong use must be an error, so the types are not `any`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditor, editorRoot, repoRoot } from './support/browser';

const consumer = `import { mountVisitEditor, type JsonLogicResult, type RowExplanation, type ScreeningResult, type VisitDiagnostic, type VisitEditorHandle } from '@visit/editor';

const handle: VisitEditorHandle = mountVisitEditor(document.createElement('div'), {
  value: 'record R { a: integer }',
  records: [{ a: 1 }],
  asOf: '2026-11-23',
  onChange: (text: string) => console.log(text.length),
});
const off = handle.onDiagnostics((ds: VisitDiagnostic[]) => console.log(ds.map((d) => \`\${d.range.start.line}:\${d.message}\`)));
handle.onScreened((r: ScreeningResult) => console.log(r.counts[0]?.[0]));
handle.onChange((text) => console.log(text));
off();
export async function use(): Promise<void> {
  const logic: JsonLogicResult = await handle.jsonLogic();
  if (logic.ok) console.log(Object.keys(logic.document));
  else console.log(logic.errors.join('; '));
  const e: RowExplanation = await handle.explain(1);
  console.log(e.programs.map((p) => p.outcome));
  console.log((await handle.explain({ a: 2 })).status);
  const s = await handle.screened();
  console.log(s?.programs, (await handle.diagnostics()).ms);
  const summary = await handle.loadRecords({ name: 'x.csv', text: 'a\\n1\\n' });
  console.log(summary.rows);
  handle.setAsOf('2026-01-01');
  handle.setValue(handle.getValue());
  handle.dispose();
  // @ts-expect-error a row is a number or a record
  await handle.explain('1');
  // @ts-expect-error records are text, { name, text } or objects
  mountVisitEditor(document.body, { records: 42 });
}
`;

const flags = ['--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--exactOptionalPropertyTypes', '--noPropertyAccessFromIndexSignature', '--erasableSyntaxOnly', '--noUncheckedSideEffectImports', '--target', 'ES2022', '--lib', 'ES2022,DOM', '--noEmit'];

describe('the declaration files an integrator compiles against', () => {
  let dir: string;
  let lib: string;
  beforeAll(async () => {
    lib = join(await buildEditor(), 'dist-lib');
    dir = mkdtempSync(join(tmpdir(), 'visit-editor-types-'));
    const pkg = join(dir, 'node_modules/@visit/editor');
    mkdirSync(join(pkg, 'dist-lib'), { recursive: true });
    for (const f of readdirSync(lib).filter((f) => f.endsWith('.d.ts'))) cpSync(join(lib, f), join(pkg, 'dist-lib', f));
    // The fields the packed package.json has (pnpm pack applies publishConfig).
    const manifest = JSON.parse(readFileSync(join(editorRoot, 'package.json'), 'utf8')) as { name: string; type: string; publishConfig?: { exports?: unknown; types?: string } };
    const exports = manifest.publishConfig?.exports ?? { '.': { types: './dist-lib/index.d.ts', default: './dist-lib/visit-editor.js' } };
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: manifest.name, type: manifest.type, exports, types: manifest.publishConfig?.types ?? './dist-lib/index.d.ts' }));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(join(dir, 'consumer.ts'), consumer);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships index.d.ts and the self-contained types.d.ts, which import nothing else', () => {
    const shipped = readdirSync(lib).filter((f) => f.endsWith('.d.ts')).sort();
    expect(shipped).toEqual(['index.d.ts', 'types.d.ts']);
    const specifiers = shipped.flatMap((f) => [...readFileSync(join(lib, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]));
    expect(new Set(specifiers)).toEqual(new Set(['./types.js']));
  });

  it('type-checks a strict NodeNext consumer, and a wrong use is an error', () => {
    const tsc = createRequire(join(repoRoot, 'package.json')).resolve('typescript/bin/tsc');
    let output = '';
    try {
      output = execFileSync(process.execPath, [tsc, ...flags, 'consumer.ts'], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      output = (e as { stdout?: string }).stdout ?? String(e);
    }
    expect(output).toBe('');
  });
});
