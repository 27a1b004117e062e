// Reading and checking a rules file for the commands that run rules (screen, test, compile,
// schema). Diagnostics go to stderr here, because stdout carries the command's data.

import type { CheckedFile, Diagnostic } from '@visit/dsl';
import { writeAll, type Io } from './context';
import { languageFrom, type Language } from './language';
import { readSource } from './options';
import { ENGLISH_FRAME, renderDiagnostic, renderDiagnostics, sourceLines, type FrameWords } from './render-diagnostics';
import { styleFor, type Style } from './style';

export type LoadedRules = { ok: true; source: string; checked: CheckedFile } | { ok: false };

/**
 * Reads and checks `file` with the `--param` overrides. Prints errors and warnings to stderr;
 * `ok` is false when the file cannot be read or has errors (the command then exits 2). The
 * messages speak `lang` (`--lang`), else the locale's language (language.ts); so does every later
 * check in this process (the engine's, with a test's overrides), through the dsl's default.
 */
export async function loadRules(file: string, params: Record<string, string>, io: Io, lang: Language = languageFrom(undefined, io.env)): Promise<LoadedRules> {
  const style = styleFor(io.stderr, io.env);
  const read = await readSource(file);
  if (!read.ok) {
    await writeAll(io.stderr, `${style.error(read.message)}\n`);
    return { ok: false };
  }
  const { catalogue, check, setDefaultLanguage } = await import('@visit/dsl');
  setDefaultLanguage(lang);
  const words = catalogue(lang).frame;
  const checked = check(read.text, { params, lang });
  await writeAll(io.stderr, renderRuleDiagnostics(file, read.text, checked.diagnostics, style, words));
  if (checked.hasErrors) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error' && !fromCommandLine(d)).length;
    await writeAll(io.stderr, `visit: ${words.nothingRun(errors === 0 ? undefined : file, errors)}\n`);
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
export function renderRuleDiagnostics(file: string, source: string, diagnostics: readonly Diagnostic[], style: Style, words: FrameWords = ENGLISH_FRAME): string {
  if (!diagnostics.some(fromCommandLine)) return renderDiagnostics(file, source, diagnostics, style, words);
  const lines = sourceLines(source);
  return diagnostics
    .map((d) => {
      if (!fromCommandLine(d)) return renderDiagnostic(file, lines, d, style, words) + '\n';
      const severity = d.severity === 'error' ? style.error(words.error) : style.warning(words.warning);
      return `visit: ${severity}: ${d.message}\n`;
    })
    .join('');
}
