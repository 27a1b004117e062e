// The README's "What a rule change does" section shows `visit diff` on the example with its output:
// run the command it shows and check that every line it prints as output (those not elided with
// "…") is in the real output, in order; and that the `visit doc` and `visit screen --report`
// commands it shows run and write their files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, tempDir, visit } from './cli-support';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### What a rule change does'));
const blocks = [...section.matchAll(/```(sh|text)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
const tmp = tempDir('readme');
afterAll(() => tmp.remove());
beforeAll(() => buildCli());

/** `pnpm visit a b \` + continuation lines → ['a', 'b', …] (single-quoted words kept whole). */
function argsOf(command: string): string[] {
  const line = command.replace(/\\\n\s*/g, ' ').trim();
  const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  expect(words.slice(0, 2)).toEqual(['pnpm', 'visit']);
  return words.slice(2);
}

describe('README: what a rule change does', () => {
  it('has the diff command and its output', () => {
    expect(blocks[0]?.lang).toBe('sh');
    expect(blocks[1]?.lang).toBe('text');
  });

  it('the diff output shown is what visit diff prints (elided lines aside)', async () => {
    const run = await visit(argsOf(blocks[0]!.body), { cwd: ROOT });
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const real = run.stdout.split('\n');
    let at = 0;
    for (const shown of blocks[1]!.body.split('\n').filter((l) => l !== '' && l !== '…')) {
      const found = real.indexOf(shown, at);
      expect(found, `README line not in the output (in order): ${shown}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('the doc and report commands shown run and write their files', async () => {
    const commands = blocks[2]!.body.split(/\n(?=pnpm )/).filter((c) => c.trim() !== '');
    expect(commands.map((c) => argsOf(c)[0])).toEqual(['doc', 'screen']);
    for (const command of commands) {
      // Paths of the example are relative to the repository; outputs go to a temporary folder.
      const args = argsOf(command).map((a) => (a === 'regler.html' || a.startsWith('out/') ? join(tmp.dir, a.replace(/^out\//, '')) : a));
      const run = await visit(args, { cwd: ROOT });
      expect(run.stderr).not.toMatch(/error/);
      expect([0, 1]).toContain(run.code);
    }
    for (const file of ['regler.html', 'screened.ndjson', 'report.html']) expect(existsSync(join(tmp.dir, file)), file).toBe(true);
    expect(readFileSync(join(tmp.dir, 'regler.html'), 'utf8')).toContain('skal være dagpenge');
  });
});
