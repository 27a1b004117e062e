// A tiny static file server on 127.0.0.1 for the built editor (the app, the library and the
// embedding example). Serves files under `root` only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.visit': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1 (`port` 0 picks a free one); `/` redirects to `index`. `headers` are
 * added to every response (a Content-Security-Policy, for instance: workers get it too).
 */
export function serveStatic(root, { port = 0, index = 'index.html', headers = {} } = {}) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/') {
        res.writeHead(302, { ...headers, location: `/${index}` });
        res.end();
        return;
      }
      const file = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!file.startsWith(base) || !(await stat(file)).isFile()) throw new Error('not found');
      res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
