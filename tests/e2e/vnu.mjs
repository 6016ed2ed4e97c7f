// Runs the Nu Html Checker (vnu.jar from the vnu-jar package) over every HTML file of a
// built site. Prints every error and warning with file:line:col; exits 1 on any error.
//
// Usage: node vnu.mjs <site-dir>
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const jar = require('vnu-jar');
const site = process.argv[2];
if (!site) {
  console.error('usage: node vnu.mjs <site-dir>');
  process.exit(2);
}

const result = spawnSync(
  'java',
  ['-Xss4m', '-jar', jar, '--format', 'json', '--skip-non-html', '--also-check-css', site],
  { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
if (result.error) {
  console.error(`failed to run java: ${result.error.message}`);
  process.exit(2);
}
let report;
try {
  report = JSON.parse(result.stderr);
} catch {
  console.error(`vnu printed no JSON report:\n${result.stderr}\n${result.stdout}`);
  process.exit(2);
}

let errors = 0;
let warnings = 0;
for (const m of report.messages) {
  const file = m.url ? path.relative(site, new URL(m.url).pathname) : '?';
  const where = `${file}:${m.lastLine ?? 1}:${m.firstColumn ?? 1}`;
  const isError = m.type === 'error' || m.subType === 'fatal';
  if (isError) errors++;
  else warnings++;
  console.log(`${where}: ${isError ? 'error' : 'warning'}: ${m.message}`);
}
console.log(`Nu Html Checker: ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 ? 1 : 0);
