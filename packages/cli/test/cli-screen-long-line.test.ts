// A 40 MB single line took 88 s on the parallel path (1.1 s on one thread): the splitter joined and
// searched all pending bytes again for every 64 KiB chunk, quadratic in the line's length. Now each
// byte is searched once, so the cost is linear: a 40 MB line is one invalid row within a normal
// test timeout, on several threads as on one, and the rows around it are screened.
import { closeSync, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ndjson, tempDir, visit } from './cli-support';
import { RULES } from '../../../tests/support/csv-model';

const tmp = tempDir('long-line');
beforeAll(buildCli);
afterAll(() => tmp.remove());

/** A file whose second row is one line of `megabytes` MB (a broken export: a lost line end). */
function longLineFile(megabytes: number): string {
  const path = `${tmp.dir}/long-${megabytes}.csv`;
  const fd = openSync(path, 'w');
  writeSync(fd, 'id;note;n;flag;bem\nid1;a;5;ja;x\nid2;');
  const block = Buffer.alloc(1 << 20, 'y');
  for (let i = 0; i < megabytes; i++) writeSync(fd, block);
  writeSync(fd, ';5;ja;x\nid3;a;5;ja;x\n');
  closeSync(fd);
  return path;
}

describe('a 40 MB line', () => {
  it('is one invalid row, and the rows around it are screened, on three threads as on one (well within the timeout)', async () => {
    const rules = tmp.write('rules.visit', RULES);
    const file = longLineFile(40);
    const started = performance.now();
    const many = await visit(['screen', rules, file, '--as-of', '2026-11-23'], { env: { VISIT_SCREEN_THREADS: '3' } });
    const seconds = (performance.now() - started) / 1000;
    const one = await visit(['screen', rules, file, '--as-of', '2026-11-23'], { env: { VISIT_SCREEN_THREADS: '1' } });
    expect(ndjson(many.stdout)).toEqual([
      { row: 1, id: 'id1', status: 'ok', groups: { big: true }, programs: { p: 'eligible' } },
      { row: 2, id: 'id2', status: 'invalid', errors: ['line 3: the row is longer than 1048576 characters'] },
      { row: 3, id: 'id3', status: 'ok', groups: { big: true }, programs: { p: 'eligible' } },
    ]);
    expect({ stdout: many.stdout, code: many.code }).toEqual({ stdout: one.stdout, code: one.code });
    // (Measured: 3–4 s on a loaded 2-core machine; it was 88–167 s.)
    expect(seconds).toBeLessThan(45);
  }, 90_000);
});
