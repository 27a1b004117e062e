// Option values shared by several commands: the reference date and param overrides.

import { readFile } from 'node:fs/promises';
import { help, mainWords } from './words';

/** The problem messages in the language main.ts chose (`--lang`, else the locale). */
export const problem = () => mainWords().problem;

export class UsageError extends Error {}

/** `--param name=value`, shared by every command that compiles rules. */
export const paramOption = () =>
  ({
    describe: help().param,
    type: 'string',
    array: true,
    requiresArg: true,
  }) as const;

/** `--lang`, shared by the commands that report on rule files (check, test, screen); read by language.ts. */
export const langOption = () =>
  ({
    describe: help().lang,
    type: 'string',
    requiresArg: true,
  }) as const;

/**
 * `--encoding` of `visit screen`: the records' encoding stated, so nothing is guessed (LANGUAGE.md
 * §7; the reader in io/text.ts). Without it: UTF-8, UTF-16 by its BOM, or Windows-1252 with a warning.
 */
export const encodingOption = () =>
  ({
    describe: help().encoding,
    choices: ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const,
    requiresArg: true,
  }) as const;

/**
 * yargs reads a lone `-` as an empty option, not as a positional; `main` swaps it for this token
 * before parsing, and the commands read the token as "stdin".
 */
export const STDIN_ARG = '\u0000stdin';

export function isStdin(path: string): boolean {
  return path === STDIN_ARG || path === '-';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads a year 0–99 as 1900–1999 (0099-12-31 was refused).
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The `--as-of` value, checked; throws a UsageError that says what was expected. */
export function asOfDate(value: string | undefined, today: string, option = '--as-of'): { asOf: string; isToday: boolean } {
  if (value === undefined) return { asOf: today, isToday: true };
  if (!isIsoDate(value)) {
    // Quoted only when it is shaped like a date: anything else may be a value typed in the wrong place (a CPR number).
    const found = /^\d{4}-\d{1,2}-\d{1,2}$/.test(value) ? `'${value}'` : problem().foundSomethingElse;
    throw new UsageError(problem().dateExpects(option, found));
  }
  return { asOf: value, isToday: value === today };
}

/**
 * `--param name=value` (repeatable) → `{ name: value }`. The value is literal source text; the
 * checker type-checks it against the declaration.
 */
export function paramOverrides(values: readonly string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (name === '' || value === '') {
      // What was typed is not repeated: it may be a value (a CPR number) given without its name.
      throw new UsageError(problem().paramExpects(shapeFound(eq, name)));
    }
    if (Object.hasOwn(params, name)) throw new UsageError(problem().givenTwice('--param', name));
    params[name] = value;
  }
  return params;
}

/** What is wrong with a NAME=VALUE option, by its shape only (what was typed is not repeated). */
export function shapeFound(eq: number, name: string): string {
  const p = problem();
  return eq < 0 ? p.foundNoEquals : name === '' ? p.foundNothingBefore : p.foundNothingAfter;
}

/**
 * Why a file could not be read or written, in words (`no such file or directory`, not `ENOENT`);
 * an output target --out must not replace (@visit/batch's OutputTargetError) says why. Anything
 * else: the error's own message.
 */
export function fileErrorReason(error: unknown): string {
  const p = problem();
  const target = (error as { target?: OutputTargetProblem } | null)?.target;
  if (error instanceof Error && error.name === 'OutputTargetError' && target) {
    return target.problem === 'same-file' ? p.sameFile(target.label) : p.notRegular(p.fileKind[target.kind]);
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return p.reasons[code] ?? (error instanceof Error ? error.message : String(error));
}

/** The structured side of @visit/batch's OutputTargetError (kept here by shape: the CLI's start does not load batch). */
type OutputTargetProblem =
  | { problem: 'same-file'; label: string }
  | { problem: 'not-regular'; kind: 'directory' | 'fifo' | 'character' | 'block' | 'socket' | 'other' };

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** Reads a rules file as UTF-8 (a BOM is dropped); never throws. */
export async function readSource(file: string): Promise<ReadResult> {
  try {
    const text = await readFile(file, 'utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { ok: false, message: `visit: ${problem().cannotRead(file, fileErrorReason(e))}` };
  }
}
