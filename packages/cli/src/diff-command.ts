// `visit diff`, the implementation (the options are in commands/diff.ts). Two sides, each a rule
// file, a reference date and param overrides:
//
//   visit diff OLD NEW RECORDS             two files (with --as-of, --param on both)
//   visit diff RULES RECORDS --new-param … one file, two param sets
//   visit diff RULES RECORDS --old-as-of D1 --new-as-of D2   one file, two dates (a law change, §13)
//
// and any mix: `--param`/`--as-of` apply to both sides, `--old-…`/`--new-…` to one (overriding,
// per param name). One pass over the records (@visit/batch diffRecords). The report goes to stdout
// and carries counts only; `--rows FILE` gets the changed rows (ids: like screen's output). Exit 0,
// 2 could not run (nothing written).

import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  diffRecords,
  fileIdentity,
  formatFromPath,
  openAtomicFileSink,
  RecordsError,
  renderDiff,
  renderDiffHtml,
  RulesError,
  type ChangedRow,
  type CsvDelimiter,
  type Encoding,
  type OutputSink,
  type ProtectedFile,
  type RecordsFormat,
} from '@visit/batch/node';
import { writeAll, type Io } from './context';
import { asOfDate, fileErrorReason, isStdin, paramOverrides, problem, shapeFound, UsageError } from './options';
import { languageFrom } from './language';
import { loadRules } from './rules';
import { styleFor } from './style';
import { mainWords } from './words';

export interface DiffRequest {
  first: string;
  second: string;
  third?: string | undefined;
  inputFormat?: RecordsFormat | undefined;
  delimiter?: CsvDelimiter | undefined;
  encoding?: Encoding | undefined;
  asOf?: string | undefined;
  oldAsOf?: string | undefined;
  newAsOf?: string | undefined;
  param?: readonly string[] | undefined;
  oldParam?: readonly string[] | undefined;
  newParam?: readonly string[] | undefined;
  by?: readonly string[] | undefined;
  /** `--lang` as typed (checked by languageFrom: da or en, else exit 2). */
  lang?: string | undefined;
  format: 'text' | 'json' | 'html';
  rows?: string | undefined;
  /** `--list NAME=FILE` (§12), repeatable, for CSV records. */
  list?: readonly string[] | undefined;
}

export async function diff(args: DiffRequest, io: Io): Promise<number> {
  const style = styleFor(io.stderr, io.env);
  const fail = async (message: string) => {
    await writeAll(io.stderr, `${style.error(`visit: ${message}`)}\n`);
    return 2;
  };
  const twoFiles = args.third !== undefined;
  const oldFile = args.first;
  const newFile = twoFiles ? args.second : args.first;
  const records = twoFiles ? args.third! : args.second;
  if (args.delimiter !== undefined && args.inputFormat === 'ndjson') throw new UsageError(problem().delimiterNotNdjson);

  const today = io.today();
  const both = asOfDate(args.asOf, today);
  const oldAsOf = args.oldAsOf === undefined ? both.asOf : checkedDate('--old-as-of', args.oldAsOf, today);
  const newAsOf = args.newAsOf === undefined ? both.asOf : checkedDate('--new-as-of', args.newAsOf, today);
  const common = paramOverrides(args.param);
  const oldParams = { ...common, ...paramOverrides(args.oldParam) };
  const newParams = { ...common, ...paramOverrides(args.newParam) };
  if (!twoFiles && oldAsOf === newAsOf && sameParams(oldParams, newParams)) {
    throw new UsageError(problem().comparesNothing);
  }

  // Rule errors in either file: file:line:col on stderr (loadRules), exit 2.
  const lang = languageFrom(args.lang, io.env);
  const oldRules = await loadRules(oldFile, oldParams, io, lang);
  if (!oldRules.ok) return 2;
  const newRules = await loadRules(newFile, newParams, io, lang);
  if (!newRules.ok) return 2;

  const listFiles = listOptions(args.list);
  const lists: Record<string, { file: string; source: Readable }> = {};
  const listHandles: FileHandle[] = [];
  for (const { name, file } of listFiles) {
    if (isStdin(file)) return fail(problem().listFromStdin(name));
    try {
      const h = await open(file, 'r');
      listHandles.push(h);
      if ((await h.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      lists[name] = { file, source: h.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }) };
    } catch (e) {
      await Promise.all(listHandles.map((h) => h.close().catch(() => undefined)));
      return fail(problem().cannotRead(file, fileErrorReason(e)));
    }
  }
  const closeLists = () => Promise.all(listHandles.map((h) => h.close().catch(() => undefined)));

  const opened = await openRecords(records, io);
  if (!opened.ok) {
    await closeLists();
    return fail(opened.message);
  }
  const recordsName = isStdin(records) ? mainWords().stdin : records;

  let sink: OutputSink | undefined;
  try {
    if (args.rows !== undefined) {
      try {
        const protect = (
          await Promise.all([
            opened.identity,
            fileIdentity(problem().theRules(oldFile), oldFile),
            fileIdentity(problem().theRules(newFile), newFile),
            ...listFiles.map((l) => fileIdentity(problem().theList(l.file), l.file)),
          ])
        ).filter((p): p is ProtectedFile => p !== undefined);
        sink = await openAtomicFileSink(args.rows, { protect });
      } catch (e) {
        return await fail(problem().cannotWrite(args.rows, fileErrorReason(e)));
      }
    }
    const rowsSink = sink;
    await writeAll(
      io.stderr,
      oldAsOf === newAsOf ? `visit: ${mainWords().referenceDate(oldAsOf, oldAsOf === today)}\n` : `visit: ${problem().referenceDates(oldAsOf, newAsOf)}\n`,
    );
    const started = performance.now();
    let result;
    try {
      result = await diffRecords(
        opened.input,
        { rules: oldRules, asOf: oldAsOf, params: oldParams },
        { rules: newRules, asOf: newAsOf, params: newParams },
        {
          ...(args.inputFormat ?? (isStdin(records) ? undefined : formatFromPath(records)) ? { inputFormat: (args.inputFormat ?? formatFromPath(records))! } : {}),
          ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
          ...(args.encoding === undefined ? {} : { encoding: args.encoding }),
          ...(args.by && args.by.length > 0 ? { by: args.by } : {}),
          lang,
          ...(listFiles.length > 0 ? { lists } : {}),
          ...(rowsSink ? { onChangedRow: (r: ChangedRow) => rowsSink.write(changedRowLine(r)) } : {}),
          onWarning: (m) => void writeAll(io.stderr, `${style.warning(`visit: ${mainWords().warning}`)}: ${recordsName}: ${m}\n`),
        },
      );
    } catch (e) {
      await sink?.abort();
      sink = undefined;
      if (e instanceof RulesError) return await fail(problem().nothingWasRun(e.message));
      if (e instanceof RecordsError) return await fail(`${recordsName}: ${e.message}`);
      return await fail(problem().cannotRead(recordsName, fileErrorReason(e)));
    }
    if (sink) {
      try {
        await sink.commit();
      } catch (e) {
        sink = undefined;
        return await fail(problem().cannotWrite(args.rows!, fileErrorReason(e)));
      }
      sink = undefined;
    }
    const ms = performance.now() - started;
    const text =
      args.format === 'json'
        ? `${JSON.stringify({ old: { file: oldFile, ...result.old }, new: { file: newFile, ...result.new }, ...omit(result, 'old', 'new') })}\n`
        : args.format === 'html'
          ? renderDiffHtml(result, { oldName: oldFile, newName: newFile, lang })
          : renderDiff(result, { oldName: oldFile, newName: newFile, lang });
    await writeAll(io.stdout, text);
    const took = ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toLocaleString(lang === 'da' ? 'da-DK' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
    await writeAll(io.stderr, `visit: ${problem().compared(recordsName, result.rows, took)}\n`);
    return 0;
  } finally {
    await sink?.abort();
    await opened.close();
    await closeLists();
  }
}

/** `--list NAME=FILE` (repeatable) → the lists, each named once (as `visit screen --list`). */
function listOptions(values: readonly string[] | undefined): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const file = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (name === '' || file === '') {
      throw new UsageError(problem().listExpects(shapeFound(eq, name)));
    }
    if (out.some((l) => l.name === name)) throw new UsageError(problem().givenTwice('--list', name));
    out.push({ name, file });
  }
  return out;
}

function omit<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

function checkedDate(option: string, value: string, today: string): string {
  return asOfDate(value, today, option).asOf;
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** One line of `--rows`: the row's number, its id, the programme and its state on each side. */
export function changedRowLine(r: ChangedRow): string {
  return `${JSON.stringify({ row: r.row, id: r.id, program: r.program, old: r.old, new: r.new })}\n`;
}

type Opened =
  | { ok: true; input: Readable; identity: Promise<ProtectedFile | undefined>; close: () => Promise<void> }
  | { ok: false; message: string };

async function openRecords(path: string, io: Io): Promise<Opened> {
  if (isStdin(path)) return { ok: true, input: io.stdin, identity: Promise.resolve(undefined), close: async () => undefined };
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const h = handle;
    return {
      ok: true,
      input: h.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }),
      identity: fileIdentity(problem().theRecords(path), h),
      close: () => h.close().catch(() => undefined),
    };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    return { ok: false, message: problem().cannotRead(path, fileErrorReason(e)) };
  }
}
