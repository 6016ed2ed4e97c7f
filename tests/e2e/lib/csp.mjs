// The Content-Security-Policy the site is served under, and the check that nothing on a page
// breaks it.
//
// The policy is read from src/util/csp.rs, its one source of truth (the pages' <meta>, `serve`
// and the README use the same constants), so the suite cannot drift from the generator.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { report } from './checks.mjs';
import { REPO } from './site.mjs';

/**
 * The value of `pub const NAME: &str = "…";` in a Rust file: a plain string literal,
 * possibly continued over lines with a trailing backslash (as rustfmt leaves it).
 */
export function rustStringConst(source, name) {
  const m = new RegExp(`pub const ${name}: &str = "((?:[^"\\\\]|\\\\[\\s\\S])*)";`).exec(source);
  if (!m) throw new Error(`no \`pub const ${name}: &str = "…";\` found`);
  return m[1].replace(/\\(\r?\n\s*|.)/g, (_, esc) => {
    if (/^\r?\n/.test(esc)) return '';
    if (esc === '\\' || esc === '"' || esc === "'") return esc;
    throw new Error(`${name}: escape \\${esc} is not understood by this reader`);
  });
}

const CSP_RS = readFileSync(path.join(REPO, 'src', 'util', 'csp.rs'), 'utf8');

/** What every page's `<meta http-equiv="Content-Security-Policy">` says. */
export const META_POLICY = rustStringConst(CSP_RS, 'META_POLICY');

/** What the server sends as the `Content-Security-Policy` header. */
export const HEADER_POLICY = rustStringConst(CSP_RS, 'HEADER_POLICY');

/** The headers a published site is served with (see the README's server examples). */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

// Runs in every page before its own scripts: reports each violation to the test.
function listenForViolations() {
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__e2eCspViolation({
      page: document.location.href,
      directive: e.effectiveDirective,
      blocked: e.blockedURI,
      sample: e.sample,
      source: e.sourceFile,
      line: e.lineNumber,
      column: e.columnNumber,
    });
  });
}

/**
 * Records every Content-Security-Policy violation in every page of a browser context: the
 * `securitypolicyviolation` events, and the browser's console errors about the policy (they
 * also cover pages with JavaScript off, where no listener runs). Call before the context
 * opens its first page.
 *
 * @returns {Promise<{ events: object[], console: { page: string, text: string }[] }>}
 */
export async function recordViolations(context) {
  const seen = { events: [], console: [] };
  await context.exposeBinding('__e2eCspViolation', (_source, v) => seen.events.push(v));
  await context.addInitScript(listenForViolations);
  const watch = (page) =>
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) {
        seen.console.push({ page: page.url(), text: msg.text() });
      }
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return seen;
}

/**
 * No violation recorded by any of the given recorders. The events say where each violation
 * is; the console's wordier messages are reported for pages that sent no event (JavaScript
 * off).
 */
export function checkViolations(...recorders) {
  const problems = [];
  for (const seen of recorders) {
    const reported = new Set(seen.events.map((v) => v.page));
    for (const v of seen.events) {
      const what = v.blocked === 'inline' ? 'inline' : v.blocked || '(no URL)';
      const where = v.source ? ` at ${v.source}:${v.line}:${v.column}` : '';
      const sample = v.sample ? ` “${v.sample}”` : '';
      problems.push(`${v.page}: ${v.directive} blocked ${what}${where}${sample}`);
    }
    for (const c of seen.console) {
      if (!reported.has(c.page)) problems.push(`${c.page}: ${c.text}`);
    }
  }
  const unique = [...new Set(problems)];
  return {
    ok: unique.length === 0,
    problems: unique,
    report: report(`${unique.length} Content-Security-Policy violation(s)`, unique),
  };
}
