// Builds the bundled example portal with the generator, for a given base URL.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(E2E_DIR, '..', '..');
export const ARTIFACTS = path.join(E2E_DIR, 'artifacts');

/** The build's clock, fixed so that which versions and notices are current never drifts. */
export const NOW = '2026-11-26T12:00:00+01:00';

/** The path part of the portal's published base_url (`/ssbtek/`), read from portal.yaml. */
export function portalBaseUrl(root = REPO) {
  const yaml = readFileSync(path.join(root, 'portal.yaml'), 'utf8');
  const m = /^base_url:\s*["']?([^"'\s#]+)/m.exec(yaml);
  if (!m) throw new Error('portal.yaml has no base_url');
  return m[1].endsWith('/') ? m[1] : `${m[1]}/`;
}

/**
 * Runs `infoportal build` for the example portal into `out`. Uses $INFOPORTAL_BIN when set
 * (a binary built already), else `cargo run --release`.
 */
export function buildPortal({ out, baseUrl, now = NOW, root = REPO }) {
  const args = ['build', '--root', root, '--out', out, '--base-url', baseUrl, '--now', now, '--quiet'];
  const bin = process.env.INFOPORTAL_BIN;
  const [cmd, argv] = bin
    ? [bin, args]
    : ['cargo', ['run', '--quiet', '--release', '--manifest-path', path.join(REPO, 'Cargo.toml'), '--', ...args]];
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`failed to run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
}
