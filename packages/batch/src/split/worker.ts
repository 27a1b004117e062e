// Worker thread of `visit screen`: loads the engine at once (the main thread may start it before
// it has read the rules), waits for the plan, rebuilds the row screener from it, then handles
// segment jobs (jobs.ts) sent by the main thread (segments.ts).

import { parentPort } from 'node:worker_threads';
import { RowScreener } from '../screen/rows';
import { SegmentJobs, type Send, type ToWorker } from './jobs';

const port = parentPort;
if (port) {
  const send: Send = (m, transfer) => port.postMessage(m, transfer);
  const engine = await import('@visit/engine').catch((e: unknown) => e as Error);
  port.once('message', (first: ToWorker) => {
    try {
      if (engine instanceof Error) throw engine;
      if (first.type !== 'plan') throw new Error(`expected the plan, got a '${first.type}' message`);
      const built = RowScreener.build(engine, first.plan);
      if (!built.ok) throw new Error(built.message);
      const jobs = new SegmentJobs(built.rows, first.plan.csv!.delimiter, send, first.header);
      port.on('message', (m: ToWorker) => jobs.handle(m));
      send({ type: 'ready' });
    } catch (e) {
      send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}
