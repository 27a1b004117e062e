// The examples of LANGUAGE.md §11 and §12 (docs/LANGUAGE.md) check without a diagnostic, and so
// does the history example of the repository (examples/historik).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index';

const reference = readFileSync(fileURLToPath(new URL('../../../docs/LANGUAGE.md', import.meta.url)), 'utf8');
function section(n: number): string {
  return reference.split(`\n## ${n}.`)[1]!.split('\n## ')[0]!;
}
function visitBlocks(text: string): string[] {
  return text.split('```visit').slice(1).map((b) => b.split('```')[0]!);
}

describe('the reference examples of §11 and §12', () => {
  it('§11: time_between with a record around it', () => {
    const [block] = visitBlocks(section(11));
    const source = `record R {\n  henvist: date\n  visiteret: date optional\n}\n${block}`;
    expect(check(source).diagnostics).toEqual([]);
  });

  it('§12: list fields, any/none/count/time_in', () => {
    const [block] = visitBlocks(section(12));
    expect(check(block!).diagnostics).toEqual([]);
  });

  it('§12 with §1: `kind = jobklub` beside `program jobklub` reads the enum value', () => {
    const [block] = visitBlocks(section(12));
    expect(check(`${block}\nprogram jobklub { require ny_i_jobklub }\n`).diagnostics).toEqual([]);
  });

  it('examples/historik/historik.visit', () => {
    const source = readFileSync(fileURLToPath(new URL('../../../examples/historik/historik.visit', import.meta.url)), 'utf8');
    expect(check(source).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
