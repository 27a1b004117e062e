// @visit/batch/node: everything of @visit/batch, and what needs Node: worker threads that split a
// large CSV file between them, and output written to a file whole or not at all.

import { open } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatFromPath } from './read/index';
import { makeRun, type RecordsSource, type RulesInput, type ScreenRecordsOptions, type ScreenRun, type SourceOpener } from './screen-records';
import { screeningThreads, spawnWorkers } from './split/threads';
export * from './index';
// split
export { spawnWorkers, screeningThreads, PARALLEL_MIN_BYTES } from './split/threads';
export { SEGMENT_BYTES, afterLines, closesOnLine, plainRows, splitHeader, type HeaderSplit } from './split/segments';
// write
export {
  openOutput,
  openAtomicFileSink,
  createStreamSink,
  temporaryPathFor,
  removeStaleTemporaries,
  fileIdentity,
  OutputTargetError,
  SINK_BUFFER_CHARS,
  type AtomicSinkOptions,
  type OutputSink,
  type ProtectedFile,
} from './write/atomic';
export { openInput } from './read/file';

export interface NodeScreenRecordsOptions extends ScreenRecordsOptions {
  /**
   * Threads for a CSV input, the main thread included (default: one per core, at most 4, for
   * inputs of 4 MiB or more, when the worker entry is there: the built package; 1 from sources).
   */
  threads?: number;
  /** The worker entry (default: split/worker.js beside this module, in the built package). */
  workerUrl?: URL;
}

/**
 * `screenRecords` of @visit/batch, and also a file path (or file: URL): its format from the name
 * (.csv/.txt, .ndjson/.jsonl) unless `inputFormat` says, a large CSV file split between worker
 * threads exactly as `visit screen` splits it.
 */
export function screenRecords(source: RecordsSource | string | URL, rules: RulesInput, options: NodeScreenRecordsOptions = {}): ScreenRun {
  const workerUrl = options.workerUrl ?? builtWorker();
  const opener: SourceOpener = {
    async open(given) {
      if (typeof given !== 'string' && !(given instanceof URL)) return undefined;
      const path = given instanceof URL ? fileURLToPath(given) : given;
      const handle = await open(path, 'r');
      try {
        const stat = await handle.stat();
        if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
        const format = formatFromPath(path);
        return {
          bytes: handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }),
          ...(stat.isFile() ? { totalBytes: stat.size } : {}),
          ...(format ? { format } : {}),
          close: () => handle.close().catch(() => undefined),
        };
      } catch (e) {
        await handle.close().catch(() => undefined);
        throw e;
      }
    },
    threads(totalBytes) {
      if (!workerUrl) return {};
      const threads = screeningThreads(totalBytes, options.threads);
      return threads > 1 ? { threads, spawnWorkers: (count) => spawnWorkers(workerUrl, count) } : {};
    },
  };
  return makeRun(source, rules, options, opener);
}

/** The worker entry of the built package (dist/split/worker.js); none when running from sources. */
function builtWorker(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const url = new URL('./split/worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}
