// A tiny static file server for a built site, on a loopback port.
//
// The site is served under its base path (for the example portal `/ssbtek/`), the way it is
// published. `/dir/` serves `dir/index.html`, `/dir` redirects to `/dir/`, and every unknown
// path gets the site's own 404.html with status 404, as a real web server is set up to do.
// `headers` are sent with every response, as the README's server examples send the
// Content-Security-Policy and X-Content-Type-Options.
import { createServer } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
};

async function isFile(p) {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Starts a server on 127.0.0.1 (port 0: any free port). `root` may be set later with
 * `setRoot`, so a site can be built for the port the server got.
 *
 * @param {{ root?: string, basePath?: string, port?: number, headers?: Record<string, string> }} options
 * @returns {Promise<{ origin: string, base: string, setRoot(dir: string): void,
 *   close(): Promise<void>, requests: { method: string, url: string, status: number }[] }>}
 */
export async function serve({ root = null, basePath = '/', port = 0, headers = {} } = {}) {
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) {
    throw new Error(`basePath must start and end with "/": ${basePath}`);
  }
  let siteRoot = root ? path.resolve(root) : null;
  const requests = [];

  async function notFound(res, head) {
    const page = siteRoot && path.join(siteRoot, '404.html');
    res.statusCode = 404;
    res.setHeader('Cache-Control', 'no-store');
    if (page && (await isFile(page))) {
      res.setHeader('Content-Type', TYPES['.html']);
      res.end(head ? undefined : await fs.readFile(page));
    } else {
      res.setHeader('Content-Type', TYPES['.txt']);
      res.end(head ? undefined : 'Not found\n');
    }
  }

  const server = createServer(async (req, res) => {
    const done = (status) => requests.push({ method: req.method, url: req.url, status });
    res.on('finish', () => done(res.statusCode));
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.statusCode = 405;
        res.setHeader('Allow', 'GET, HEAD');
        res.end();
        return;
      }
      const head = req.method === 'HEAD';
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        await notFound(res, head);
        return;
      }
      if (!siteRoot || !pathname.startsWith(basePath) || pathname.includes('\0')) {
        await notFound(res, head);
        return;
      }
      const rel = pathname.slice(basePath.length);
      let file = path.join(siteRoot, rel);
      if (file !== siteRoot && !file.startsWith(siteRoot + path.sep)) {
        await notFound(res, head);
        return;
      }
      if (await isDir(file)) {
        if (!pathname.endsWith('/')) {
          res.statusCode = 301;
          res.setHeader('Location', `${url.pathname}/${url.search}`);
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      if (!(await isFile(file))) {
        await notFound(res, head);
        return;
      }
      const body = await fs.readFile(file);
      res.statusCode = 200;
      res.setHeader('Content-Type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
      res.setHeader('Content-Length', body.length);
      res.setHeader('Cache-Control', 'no-store');
      res.end(head ? undefined : body);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + basePath,
    requests,
    setRoot(dir) {
      siteRoot = path.resolve(dir);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
