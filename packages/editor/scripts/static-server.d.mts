import type { Server } from 'node:http';
/** Serves `root` on 127.0.0.1 (`port` 0 picks a free one); `/` redirects to `index`; `headers` go on every response. */
export function serveStatic(root: string, options?: { port?: number; index?: string; headers?: Record<string, string> }): Promise<Server>;
