// Reading and checking a rules file for the commands that run rules (screen, test, compile,
// schema). Diagnostics go to stderr here, because stdout carries the command's data.

import type { CheckedFile, Diagnostic } from '@visit/dsl';
import { writeAll, type Io } from './context';
import { readSource } from './options';
import { renderDiagnostic, renderDiagnostics, sourceLines } from './render-diagnostics';
import { styleFor, type Style } from './style';

export type LoadedRules = { ok: true; source: string; checked: CheckedFile } | { ok: false };

/**
 * Reads and checks `file` with the `--param` overrides. Prints errors and warnings to stderr;
 * `ok` is false when the file cannot be read or has errors (the command then exits 2).
 */
export async function loadRules(file: string, params: Record<string, string>, io: Io): Promise<LoadedRules> {
  const style = styleFor(io.stderr, io.env);
  const read = await readSource(file);
  if (!read.ok) {
    await writeAll(io.stderr, `${style.error(read.message)}\n`);
    return { ok: false };
  }
  const { check } = await import('@visit/dsl');
  const checked = check(read.text, { params });
  await writeAll(io.stderr, renderRuleDiagnostics(file, read.text, checked.diagnostics, style));
  if (checked.hasErrors) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error' && !fromCommandLine(d)).length;
    const where = errors === 0 ? 'the options have errors' : `${file} has ${errors === 1 ? '1 error' : `${errors} errors`}`;
    await writeAll(io.stderr, `visit: ${where}; nothing was run\n`);
    return { ok: false };
  }
  return { ok: true, source: read.text, checked };
}

/** Overrides given with `--param` are checked against the file but have no place in it. */
const COMMAND_LINE_CODES = new Set(['unknown-param', 'invalid-param-override', 'invalid-as-of']);

function fromCommandLine(d: Diagnostic): boolean {
  return COMMAND_LINE_CODES.has(d.code) && d.range.start.offset === 0 && d.range.end.offset === 0;
}

/** Like `renderDiagnostics`, but a problem with a `--param` or `--as-of` value is shown without a source line. */
export function renderRuleDiagnostics(file: string, source: string, diagnostics: readonly Diagnostic[], style: Style): string {
  if (!diagnostics.some(fromCommandLine)) return renderDiagnostics(file, source, diagnostics, style);
  const lines = sourceLines(source);
  return diagnostics
    .map((d) => {
      if (!fromCommandLine(d)) return renderDiagnostic(file, lines, d, style) + '\n';
      const severity = d.severity === 'error' ? style.error('error') : style.warning('warning');
      return `visit: ${severity}: ${d.message}\n`;
    })
    .join('');
}
