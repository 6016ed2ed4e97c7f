// An independent link and fragment check of a built site with linkinator: every HTML file
// is a starting point, links are followed within the site, `#fragments` are checked against
// the ids of the target page. Links outside the site are not fetched (no internet here);
// absolute links to the site's own published address are checked as local ones.
//
// Usage: node links.mjs <site-dir> [base-url]
//   base-url defaults to portal.yaml's base_url (https://www.example.se/ssbtek/), so the
//   folder is served under its base path (/ssbtek/), as it is published.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LinkChecker } from 'linkinator';

import { portalBaseUrl } from './lib/site.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function htmlFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Checks every link and fragment of the site in `dir`, published at `baseUrl`.
 * @returns {Promise<{ ok: boolean, broken: { url, parent, status }[], checked: number,
 *   skipped: number, pages: number, report: string }>}
 */
export async function checkLinks(dir, baseUrl) {
  const base = new URL(baseUrl);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-links-'));
  try {
    const root = path.join(tmp, 'root');
    const mounted = path.join(root, ...basePath.split('/').filter(Boolean));
    cpSync(dir, mounted, { recursive: true });
    const pages = htmlFiles(mounted);
    if (!pages.length) throw new Error(`no HTML files in ${dir}`);
    const port = await freePort();
    const local = `http://localhost:${port}${basePath}`;
    const published = `${base.origin}${basePath}`;
    const checker = new LinkChecker();
    const result = await checker.check({
      path: pages.map((p) => path.posix.join(basePath, p).slice(1)),
      serverRoot: root,
      port,
      recurse: true,
      checkFragments: true,
      concurrency: 20,
      timeout: 10000,
      urlRewriteExpressions: [{ pattern: new RegExp(`^${escape(published)}`), replacement: local }],
      linksToSkip: async (link) => !link.startsWith(`http://localhost:${port}/`),
    });
    // linkinator prints local URLs without the server: `ssbtek/kontakt/`. Name them as
    // paths under the site folder (`kontakt/`), as the generator's diagnostics do.
    const strip = (u) => {
      if (!u) return '?';
      const s = String(u).replace(`http://localhost:${port}`, '').replace(/^\//, '');
      const prefix = basePath.slice(1);
      return s.startsWith(prefix) ? s.slice(prefix.length) || '/' : s;
    };
    const seen = new Set();
    const broken = [];
    for (const l of result.links) {
      if (l.state !== 'BROKEN') continue;
      const key = l.url;
      if (seen.has(key)) continue;
      seen.add(key);
      broken.push({ url: strip(l.url), parent: strip(l.parent), status: l.status });
    }
    // linkinator names only one page that led it to a broken link (for a fragment, not
    // always one that has it), so name every page whose HTML links there.
    const from = (target) => {
      const want = new URL(target, local).href;
      const hits = [];
      for (const p of pages) {
        const pageUrl = new URL(p, local);
        const html = readFileSync(path.join(mounted, p), 'utf8');
        for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
          const href = m[1].replace(/&amp;/g, '&');
          let u;
          try {
            u = new URL(href.replace(new RegExp(`^${escape(published)}`), local), pageUrl);
          } catch {
            continue;
          }
          const same = u.href === want || u.href === want.replace(/index\.html(#|$)/, '$1');
          if (same) {
            hits.push(p.replace(/(^|\/)index\.html$/, '$1') || '/');
            break;
          }
        }
      }
      return hits;
    };
    for (const b of broken) {
      const hits = from(local + b.url.replace(/^\//, ''));
      if (hits.length) b.parent = hits.slice(0, 5).join(', ') + (hits.length > 5 ? ` and ${hits.length - 5} more` : '');
    }
    const checked = result.links.filter((l) => l.state === 'OK').length;
    const skipped = result.links.filter((l) => l.state === 'SKIPPED').length;
    const lines = broken.map((b) => `${b.url}: broken (${b.status || 'no response'}${b.status === 200 ? ': no such fragment' : ''}), linked from ${b.parent}`);
    return {
      ok: broken.length === 0,
      broken,
      checked,
      skipped,
      pages: pages.length,
      report: `${lines.join('\n')}${lines.length ? '\n' : ''}linkinator: ${pages.length} HTML file(s), ${checked} link(s) OK, ${skipped} outside the site not fetched, ${broken.length} broken`,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, baseUrl = portalBaseUrl()] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node links.mjs <site-dir> [base-url]');
    process.exit(2);
  }
  try {
    const r = await checkLinks(path.resolve(dir), baseUrl);
    console.log(r.report);
    process.exit(r.ok ? 0 : 1);
  } catch (err) {
    console.error(`link check failed to run: ${err.stack || err}`);
    process.exit(2);
  }
}
