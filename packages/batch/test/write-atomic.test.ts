// Output sinks: `--out FILE` is written whole or not at all; stdout is written with backpressure.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINK_BUFFER_CHARS, createStreamSink, openAtomicFileSink, temporaryPathFor, type OutputSink } from '../src/node';

const root = mkdtempSync(join(tmpdir(), 'visit-io-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;

function freshDirectory(): string {
  const directory = join(root, `d${++dirCount}`);
  mkdirSync(directory);
  return directory;
}

/** Writes `text` in `count` rows the way the screen command will: wait only when asked to. */
async function writeRows(sink: OutputSink, count: number, row: (i: number) => string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const wait = sink.write(row(i));
    if (wait) await wait;
  }
}

const row = (i: number) => `{"row":${i + 1},"id":"0101701234","status":"ok","by":"Næstved"}\n`;
const expectedText = (count: number) => Array.from({ length: count }, (_, i) => row(i)).join('');

describe('openAtomicFileSink', () => {
  it('the temporary file is hidden, next to the target, and obviously temporary (with the writer\'s pid)', () => {
    const path = temporaryPathFor('/data/ud/screening.ndjson');
    expect(path).toMatch(new RegExp(`^/data/ud/\\.screening\\.ndjson\\.visit-[0-9a-f]{8}-${process.pid}-[0-9a-f]{12}\\.tmp$`));
  });

  it.each([
    ['a small output (one write)', 3],
    ['an output of many 64 KB writes', 20_000],
  ])('commit renames the temporary file over the target: %s', async (_, count) => {
    const directory = freshDirectory();
    const target = join(directory, 'out.ndjson');
    writeFileSync(target, 'old content\n');
    const sink = await openAtomicFileSink(target);
    await writeRows(sink, count, row);
    expect(readFileSync(target, 'utf8')).toBe('old content\n');
    expect(readdirSync(directory).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe(expectedText(count));
    expect(readdirSync(directory)).toEqual(['out.ndjson']);
    await sink.abort(); // after commit: does nothing
    expect(readFileSync(target, 'utf8')).toBe(expectedText(count));
  });

  it('creates a target that did not exist', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'new.csv');
    const sink = await openAtomicFileSink(target);
    sink.write('row,id\n');
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe('row,id\n');
    expect(readdirSync(directory)).toEqual(['new.csv']);
  });

  it('the new file keeps the permissions of the old target', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'out.ndjson');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o640);
    const sink = await openAtomicFileSink(target);
    sink.write('new\n');
    await sink.commit();
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it.each([
    ['an existing target keeps its old content', true],
    ['a new target is never created', false],
  ])('abort removes the temporary file: %s', async (_, existed) => {
    const directory = freshDirectory();
    const target = join(directory, 'out.ndjson');
    if (existed) writeFileSync(target, 'old content\n');
    const sink = await openAtomicFileSink(target);
    await writeRows(sink, 5_000, row);
    await sink.abort();
    expect(readdirSync(directory)).toEqual(existed ? ['out.ndjson'] : []);
    if (existed) expect(readFileSync(target, 'utf8')).toBe('old content\n');
    expect(() => sink.write('x')).toThrow(/aborted/);
    await expect(sink.commit()).rejects.toThrow(/aborted/);
  });

  it('a target in a missing directory, or a directory, fails at open, before any work', async () => {
    await expect(openAtomicFileSink(join(root, 'no-such-dir', 'out.ndjson'))).rejects.toThrow(/ENOENT/);
    const directory = freshDirectory();
    await expect(openAtomicFileSink(directory)).rejects.toThrow(/is a directory/);
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a symlinked target: the file it points to is replaced, the link stays', async () => {
    const directory = freshDirectory();
    const real = join(directory, 'real.ndjson');
    const link = join(directory, 'link.ndjson');
    writeFileSync(real, 'old\n');
    symlinkSync(real, link);
    const sink = await openAtomicFileSink(link);
    sink.write('new\n');
    await sink.commit();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new\n');
  });
});

describe('openAtomicFileSink in a process that dies', () => {
  let bundle = '';
  const here = fileURLToPath(new URL('.', import.meta.url));

  beforeAll(async () => {
    // The child imports the real module, bundled from the sources.
    bundle = join(root, 'io.mjs');
    await build({
      entryPoints: [resolve(here, '../src/write/atomic.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
  });

  /** Starts a child that writes rows to `target` without end; resolves once it has written some. */
  function startWriter(target: string, then: 'write forever' | 'exit without commit') {
    const script = `
      const { openAtomicFileSink } = await import(${JSON.stringify(bundle)});
      const sink = await openAtomicFileSink(${JSON.stringify(target)});
      const row = ${JSON.stringify(row(0))};
      for (let i = 0; ; i++) {
        const wait = sink.write(row);
        if (wait) await wait;
        if (i === 50_000) {
          process.stdout.write('writing\\n');
          if (${JSON.stringify(then)} === 'exit without commit') process.exit(3);
        }
      }
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    const writing = new Promise<void>((done, fail) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('writing')) done();
      });
      void exited.then(() => fail(new Error('the writer exited before writing')));
    });
    return { child, writing, exited };
  }

  it.each([
    ['an existing target keeps its old content', true],
    ['a new target does not appear', false],
  ])('SIGKILL mid-write: %s; the temporary file is left, recognisably', async (_, existed) => {
    const directory = freshDirectory();
    const target = join(directory, 'out.ndjson');
    if (existed) writeFileSync(target, 'old content\n');
    const { child, writing, exited } = startWriter(target, 'write forever');
    await writing;
    const temporary = readdirSync(directory).filter((f) => f !== 'out.ndjson');
    expect(temporary).toEqual([expect.stringMatching(new RegExp(`^\\.out\\.ndjson\\.visit-[0-9a-f]{8}-${child.pid}-[0-9a-f]{12}\\.tmp$`))]);
    expect(statSync(join(directory, temporary[0] as string)).size).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    if (existed) expect(readFileSync(target, 'utf8')).toBe('old content\n');
    else expect(existsSync(target)).toBe(false);
    expect(readdirSync(directory).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
  });

  it('an exit without commit removes the temporary file and leaves the target', async () => {
    const directory = freshDirectory();
    const target = join(directory, 'out.ndjson');
    writeFileSync(target, 'old content\n');
    const { writing, exited } = startWriter(target, 'exit without commit');
    await writing;
    expect(await exited).toEqual({ code: 3, signal: null });
    expect(readdirSync(directory)).toEqual(['out.ndjson']);
    expect(readFileSync(target, 'utf8')).toBe('old content\n');
  });
});

describe('createStreamSink', () => {
  /** A destination that takes one chunk every few milliseconds, so writes must wait. */
  function slowDestination() {
    const received: string[] = [];
    const stream = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString('utf8'));
        setTimeout(done, 1);
      },
    });
    return { stream, received };
  }

  it('buffers into writes of about 64 KB, waits for drain, and commit hands over everything', async () => {
    const { stream, received } = slowDestination();
    const sink = createStreamSink(stream);
    let waits = 0;
    for (let i = 0; i < 20_000; i++) {
      const wait = sink.write(row(i));
      if (wait) {
        waits++;
        await wait;
      }
    }
    await sink.commit();
    expect(received.join('')).toBe(expectedText(20_000));
    expect(waits).toBeGreaterThan(0);
    expect(received.slice(0, -1).every((chunk) => chunk.length >= SINK_BUFFER_CHARS)).toBe(true);
    expect(stream.writableEnded).toBe(false); // stdout stays open
    expect(stream.listenerCount('error')).toBe(0);
  });

  it('abort drops what is still buffered', async () => {
    const through = new PassThrough();
    const chunks: string[] = [];
    through.on('data', (c: Buffer) => chunks.push(c.toString()));
    const sink = createStreamSink(through);
    sink.write('not yet written\n');
    await sink.abort();
    await sink.abort();
    expect(chunks).toEqual([]);
    expect(() => sink.write('x')).toThrow(/aborted/);
  });

  it('a destination that fails (EPIPE) makes the next write throw and commit reject, without crashing', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const sink = createStreamSink(stream);
    const wait = sink.write('x'.repeat(SINK_BUFFER_CHARS));
    if (wait) await wait;
    await new Promise((done) => setImmediate(done));
    expect(() => sink.write('more')).toThrow(/EPIPE/);
    await expect(sink.commit()).rejects.toThrow(/EPIPE/);
  });
});

describe('text and UTF-8 bytes written in turn (bytes come from worker threads)', () => {
  /** Row i as text when i is even, as bytes when odd, so every switch between the two is seen. */
  const mixed = (i: number): string | Uint8Array => (i % 2 === 0 ? row(i) : new Uint8Array(Buffer.from(row(i), 'utf8')));

  it.each([
    ['a few rows', 5],
    ['rows past many 64 KB writes', 5_000],
  ])('--out FILE keeps their order: %s', async (_, count) => {
    const target = join(freshDirectory(), 'out.ndjson');
    const sink = await openAtomicFileSink(target);
    for (let i = 0; i < count; i++) {
      const wait = sink.write(mixed(i));
      if (wait) await wait;
    }
    await sink.commit();
    expect(readFileSync(target, 'utf8')).toBe(expectedText(count));
  });

  it('stdout keeps their order', async () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        setImmediate(callback);
      },
    });
    const sink = createStreamSink(stream);
    for (let i = 0; i < 3_000; i++) {
      const wait = sink.write(mixed(i));
      if (wait) await wait;
    }
    await sink.commit();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expectedText(3_000));
  });
});
