// The page's side of a worker: `request(method, params)` returns a promise of that method's result.
import type { Handlers, Methods, Request, Response } from './protocol';

export class WorkerClient<M extends Methods<M>> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Set once the worker failed (its script did not load, or it crashed): every later request fails with it, never waits. */
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<Response>) => {
      const r = event.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.result);
      else p.reject(new Error(r.error));
    });
    worker.addEventListener('error', (event) => {
      const error = new Error(`worker failed: ${event.message || 'its script could not be loaded or run'}`);
      this.failure = error;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    });
  }

  request<K extends keyof M & string>(method: K, params: M[K]['params'], transfer: Transferable[] = []): Promise<M[K]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: Request<M, K> = { id, method, params };
    return new Promise<M[K]['result']>((resolve, reject) => {
      // The worker answers this id with this method's result (see serve()).
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('worker stopped'));
    this.pending.clear();
  }
}

/** The worker's side: answers each request with its handler's result (or its error's message). */
export function serve<M extends Methods<M>>(handlers: Handlers<M>, transferOf?: (result: unknown) => Transferable[]): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<Request<M>>) => void) | null; postMessage: (m: Response, t?: Transferable[]) => void };
  scope.onmessage = async (event) => {
    const { id, method, params } = event.data;
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      const result = await handler(params);
      scope.postMessage({ id, ok: true, result }, transferOf ? transferOf(result) : []);
    } catch (e) {
      scope.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
