// What a command may touch of the outside world. The bin entry passes the real process; keeping
// it in one object means no command reaches for `process` on its own.

import type { Readable, Writable } from 'node:stream';

/** A stream the commands write to: stdout or stderr (a terminal has `isTTY` and `columns`). */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: Readable;
  env: Record<string, string | undefined>;
  /** Today's date in the local time zone, as `YYYY-MM-DD` (the default reference date). */
  today(): string;
  /** The bundled worker-thread entry of `visit screen`; without it, screening uses one thread. */
  workerUrl?: URL;
  /** Calls `handler` on Ctrl-C or a termination request (once); returns a function that stops listening. */
  onInterrupt(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
}

export function processIo(workerUrl?: URL): Io {
  return {
    ...(workerUrl ? { workerUrl } : {}),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    today: () => localIsoDate(new Date()),
    onInterrupt(handler) {
      const onInt = () => handler('SIGINT');
      const onTerm = () => handler('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}

export function localIsoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Writes and waits until the stream has taken the chunk (backpressure for large outputs). */
export function writeAll(stream: OutStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
