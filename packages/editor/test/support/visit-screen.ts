// The oracle for the editor's screening: `visit screen` on the bundled example, as a real process.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './browser';

export const rulesFile = join(repoRoot, 'examples/tre-hovedveje/tre-hovedveje.visit');
export const recordsFile = join(repoRoot, 'examples/tre-hovedveje/citizens.csv');
export const AS_OF = '2026-11-23';

export interface CliRow {
  row: number;
  status: 'ok' | 'invalid';
  programs?: Record<string, string>;
  explain?: { programs: Record<string, { lines: { kind: string; source: string }[]; failed: number[] }> };
}

const rows = (out: string): CliRow[] =>
  out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CliRow);

/** Every output row of `visit screen --explain` on the example (exit status 1, "some rows invalid", still gives them all). */
export function screenWithCli(): CliRow[] {
  try {
    return rows(
      execFileSync(process.execPath, [join(repoRoot, 'scripts/visit.mjs'), 'screen', rulesFile, recordsFile, '--as-of', AS_OF, '--explain'], {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 << 20,
      }),
    );
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 1 && err.stdout) return rows(err.stdout);
    throw e;
  }
}

/** Per programme: how many rows had each outcome. */
export function countsOf(cli: readonly CliRow[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const row of cli) {
    for (const [program, outcome] of Object.entries(row.programs ?? {})) {
      counts[program] ??= { eligible: 0, ineligible: 0, undetermined: 0 };
      counts[program][outcome]!++;
    }
  }
  return counts;
}
