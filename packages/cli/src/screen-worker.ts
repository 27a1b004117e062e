// Worker thread of `visit screen`: rebuilds the row screener from the plan, then handles segment
// jobs (screen-segment.ts) sent by the main thread (screen-split.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { RowScreener, type ScreenPlan } from './screen-rows';
import { SegmentJobs, type FromWorker, type ToWorker } from './screen-segment';

const port = parentPort;
if (port) {
  const send = (m: FromWorker) => port.postMessage(m);
  try {
    const plan = workerData as ScreenPlan;
    const engine = await import('@visit/engine');
    const built = RowScreener.build(engine, plan);
    if (!built.ok) throw new Error(built.message);
    const jobs = new SegmentJobs(built.rows, plan.csv!.delimiter, send);
    port.on('message', (m: ToWorker) => jobs.handle(m));
    send({ type: 'ready' });
  } catch (e) {
    send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}
