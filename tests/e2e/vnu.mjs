// Runs the Nu Html Checker (vnu.jar from the vnu-jar package) over every HTML file of a
// built site. Prints every error and warning with file:line:col; exits 1 on any error.
//
// Usage: node vnu.mjs <site-dir>
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Checks every HTML file under `site` (and the CSS).
 * @returns {{ ok: boolean, errors: number, warnings: number, lines: string[] }}
 */
export function runVnu(site) {
  const jar = require('vnu-jar');
  const result = spawnSync(
    'java',
    ['-Xss4m', '-jar', jar, '--format', 'json', '--skip-non-html', '--also-check-css', site],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (result.error) throw new Error(`failed to run java: ${result.error.message}`);
  let report;
  try {
    report = JSON.parse(result.stderr);
  } catch {
    throw new Error(`vnu printed no JSON report:\n${result.stderr}\n${result.stdout}`);
  }
  let errors = 0;
  let warnings = 0;
  const lines = [];
  for (const m of report.messages) {
    if (sameSiteCspWarning(m.message)) continue;
    const file = m.url ? path.relative(site, new URL(m.url).pathname) : '?';
    const where = `${file}:${m.lastLine ?? 1}:${m.firstColumn ?? 1}`;
    const isError = m.type === 'error' || m.subType === 'fatal';
    if (isError) errors++;
    else warnings++;
    lines.push(`${where}: ${isError ? 'error' : 'warning'}: ${m.message}`);
  }
  return { ok: errors === 0, errors, warnings, lines };
}

/**
 * The checker reads the pages' Content-Security-Policy <meta> too, but from files: their
 * `file:` origin matches no 'self', so it warns about every style sheet of the site itself.
 * Those warnings are dropped; one about a resource on another host is kept. Whether the
 * site keeps to its policy is proved in a browser over HTTP (lib/csp.mjs).
 */
export function sameSiteCspWarning(message) {
  const m = /^Resource violates Content Security Policy \(meta tag\): .*?“([^”]*)”/.exec(message);
  return Boolean(m) && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(m[1]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const site = process.argv[2];
  if (!site) {
    console.error('usage: node vnu.mjs <site-dir>');
    process.exit(2);
  }
  let r;
  try {
    r = runVnu(site);
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  for (const line of r.lines) console.log(line);
  console.log(`Nu Html Checker: ${r.errors} error(s), ${r.warnings} warning(s)`);
  process.exit(r.ok ? 0 : 1);
}
