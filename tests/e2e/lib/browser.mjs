// Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

import { recordViolations } from './csp.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Launches headless Chromium. playwright-core gives every launch a fresh temporary profile
 * (its own --user-data-dir) and removes it on close.
 */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a context that records every request and lets only requests to `origin` through:
 * a request anywhere else is recorded and aborted, so a test never leaves this machine.
 * Every Content-Security-Policy violation in it is recorded in `csp` (see lib/csp.mjs).
 * With `time`, the pages' clock says that time (timers run as usual), so what clock.js
 * shows does not depend on the day the suite runs.
 *
 * @returns {Promise<{ context, page, requests: string[], offsite: string[], csp }>}
 */
export async function open(browser, origin, { width = 1280, height = 800, javaScriptEnabled = true, time = null } = {}) {
  const options = {
    viewport: { width, height },
    javaScriptEnabled,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
  };
  const context = await browser.newContext(options);
  if (time) await context.clock.setFixedTime(time);
  const requests = [];
  const offsite = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    let sameSite = false;
    try {
      const u = new URL(url);
      sameSite = u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:' || url === 'about:blank';
    } catch {
      sameSite = false;
    }
    if (sameSite) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  const csp = await recordViolations(context);
  const page = await context.newPage();
  return { context, page, requests, offsite, csp };
}
