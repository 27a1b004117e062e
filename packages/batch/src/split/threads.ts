// Worker threads for the split screen (Node only): starting them, and how many a run gets.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { exitedEarly } from './segments';

/**
 * Starts `count` worker threads (the entry is split/worker.ts, bundled). They load the engine and
 * wait for the plan (`SegmentScreen.launch`), so they can be started before the rules and the
 * header are read.
 */
export function spawnWorkers(url: URL, count: number): Worker[] {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(url, {
      // Bounds the worker's young generation (peak RSS). Measured on 1M rows: 4 or 8 MB saved
      // 10–20 MB of RSS but cost up to 15 % more CPU in collections; 16 MB is the balance.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    // Until the plan is sent, an error only ends this worker (launch listens from then on).
    worker.on('error', () => undefined);
    worker.once('exit', (code) => exitedEarly.set(worker, code));
    workers.push(worker);
  }
  return workers;
}

/** Inputs smaller than this are screened on the main thread: starting workers costs more. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Fewer cores than this: one thread by default. Measured (issue 11, 1M rows to a file, 2-core
 * machine): a second thread costs ~40 % more CPU in all (a second engine to start and compile,
 * two heaps to collect, segments and outputs to hand over) and ~55 MB more peak memory, and on two
 * cores that is more than it wins: quiet, 2.38 s against 2.21 s for one thread (clean file) and
 * 2.67 against 2.44 (job-centre file); with other work on the machine, medians of 5 alternating
 * runs, 3.70 s against 2.48 s.
 */
export const PARALLEL_MIN_CORES = 3;

/** Threads by default for an input of `totalBytes` on `cores` cores (see `screeningThreads`). */
export function defaultThreads(totalBytes: number | undefined, cores: number = availableParallelism()): number {
  if (totalBytes !== undefined && totalBytes < PARALLEL_MIN_BYTES) return 1;
  if (cores < PARALLEL_MIN_CORES) return 1;
  return Math.min(cores, 4);
}

/**
 * How many threads screen a CSV input (the main thread included): one for small inputs and on
 * machines of fewer than PARALLEL_MIN_CORES cores, else one per core, at most 4. `forced`
 * (VISIT_SCREEN_THREADS in the CLI) overrides: 1 = the main thread alone, at most 16; anything that
 * is not a whole number ≥ 1 means 1.
 */
export function screeningThreads(totalBytes: number | undefined, forced?: string | number): number {
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    return Number.isInteger(n) && n >= 1 ? Math.min(n, 16) : 1;
  }
  return defaultThreads(totalBytes);
}
