// The checks run on every page. Each returns { ok, problems: string[] } (plus details), so a
// test can assert on it and print every problem readably, and the suite's own test can show
// that each one fails on a broken page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA: what EN 301 549 and the DOS law require. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function report(title, problems) {
  return problems.length ? `${title}:\n${problems.map((p) => `  - ${p.replace(/\n/g, '\n    ')}`).join('\n')}` : '';
}

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is now. */
export async function runAxe(page) {
  // Evaluated by the browser's debugging protocol, not added as an inline <script>, which
  // the site's Content-Security-Policy blocks (and the CSP check would report).
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const slim = (list) =>
      list.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html,
          summary: n.failureSummary || '',
        })),
      }));
    return { violations: slim(r.violations), incomplete: slim(r.incomplete) };
  }, AXE_TAGS);
  const problems = results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 8)
      .map((n) => `at ${n.target}\n  ${n.html.slice(0, 200)}\n  ${n.summary.replace(/\n\s*/g, ' ')}`)
      .join('\n');
    const more = v.nodes.length > 8 ? `\n… and ${v.nodes.length - 8} more element(s)` : '';
    return `${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${nodes}${more}`;
  });
  return {
    ok: problems.length === 0,
    problems,
    violations: results.violations,
    incomplete: results.incomplete,
    report: report(`axe-core found ${problems.length} WCAG 2.1 A/AA violation(s)`, problems),
  };
}

// Runs in the page: the interactive elements a keyboard user must be able to reach, and the
// computed styles compared before and after focus.
function prepareFocusWalk() {
  const SELECTOR = [
    'a[href]',
    'area[href]',
    'button',
    'input:not([type="hidden"])',
    'select',
    'textarea',
    'summary',
    'iframe',
    'audio[controls]',
    'video[controls]',
    '[contenteditable]:not([contenteditable="false"])',
    '[tabindex]',
  ].join(',');
  const PROPS = [
    'outline-style',
    'outline-width',
    'outline-color',
    'box-shadow',
    'background-color',
    'border-top-color',
    'border-right-color',
    'border-bottom-color',
    'border-left-color',
  ];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    const href = el.getAttribute('href');
    if (href) s += `[href="${href}"]`;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    if (text) s += ` “${text.slice(0, 60)}”`;
    return s;
  };
  const snap = (el) => {
    const cs = getComputedStyle(el);
    return PROPS.map((p) => cs.getPropertyValue(p));
  };
  const els = [...document.querySelectorAll(SELECTOR)].filter(
    (el) =>
      !el.disabled &&
      el.tabIndex >= 0 &&
      !(el.getAttribute('tabindex') || '0').startsWith('-') &&
      !el.closest('[inert]') &&
      el.checkVisibility({ visibilityProperty: true }),
  );
  window.__e2eFocus = { els, before: els.map(snap), snap, describe, PROPS };
  return els.map(describe);
}

// Runs in the page after each Tab: which element has focus, and does it show it?
function inspectFocus() {
  const F = window.__e2eFocus;
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return { idx: -2 };
  const idx = F.els.indexOf(a);
  const after = F.snap(a);
  const before = idx >= 0 ? F.before[idx] : null;
  const changed = before ? F.PROPS.filter((_, k) => before[k] !== after[k]) : F.PROPS;
  const outlineShown = after[0] !== 'none' && parseFloat(after[1]) > 0;
  const indicator =
    (outlineShown && changed.some((p) => p.startsWith('outline'))) ||
    changed.includes('box-shadow') ||
    changed.includes('background-color') ||
    changed.some((p) => p.startsWith('border'));
  const r = a.getBoundingClientRect();
  const inView =
    r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  return { idx, desc: F.describe(a), indicator, inView };
}

/**
 * Keyboard use. `load` (re)loads the page in its ready state. Checks that the first Tab
 * reaches a visible skip link to <main> and that activating it moves focus to <main>; then
 * tabs through the whole page: every interactive element is reached, is in view when
 * focused and looks different when focused.
 */
export async function checkKeyboard(page, load) {
  const problems = [];

  await load();
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const main = document.querySelector('main');
    if (!a || a === document.body) return { none: true };
    const href = a.getAttribute('href') || '';
    const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    const r = a.getBoundingClientRect();
    return {
      desc: `${a.tagName.toLowerCase()}${href ? `[href="${href}"]` : ''} “${(a.innerText || '').trim()}”`,
      toMain: Boolean(main && target === main),
      visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    };
  });
  if (first.none) {
    problems.push('the first Tab reached nothing');
  } else {
    if (!first.toMain) problems.push(`the first Tab reached ${first.desc}, not a skip link to <main>`);
    if (!first.visible) problems.push(`the skip link ${first.desc} is not visible when focused`);
    if (first.toMain) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
      const after = await page.evaluate(() => {
        const main = document.querySelector('main');
        const a = document.activeElement;
        const r = main.getBoundingClientRect();
        return { focused: main === a, top: Math.round(r.top), what: a ? a.tagName.toLowerCase() : 'nothing' };
      });
      if (!after.focused) problems.push(`activating the skip link left focus on <${after.what}>, not on <main>`);
      if (after.top < -1 || after.top > 200) problems.push(`after the skip link, <main> starts at ${after.top}px, not at the top of the view`);
    }
  }

  await load();
  const names = await page.evaluate(prepareFocusWalk);
  const reached = new Set();
  const noIndicator = new Map();
  const outOfView = new Map();
  const strays = new Set();
  let firstIdx = null;
  let bodies = 0;
  let wrapped = false;
  for (let i = 0; i < names.length + 6; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(inspectFocus);
    if (f.idx === -2) {
      bodies++;
      if (bodies > 2) break;
      continue;
    }
    if (f.idx === -1) {
      strays.add(f.desc);
      continue;
    }
    if (firstIdx === null) firstIdx = f.idx;
    else if (f.idx === firstIdx) {
      wrapped = true;
      break;
    }
    reached.add(f.idx);
    if (!f.indicator) noIndicator.set(f.idx, f.desc);
    if (!f.inView) outOfView.set(f.idx, f.desc);
  }
  const missed = names.filter((_, i) => !reached.has(i));
  if (missed.length) {
    problems.push(`${missed.length} of ${names.length} interactive element(s) not reached by Tab:\n${missed.slice(0, 15).join('\n')}`);
  }
  if (!wrapped && bodies <= 2 && names.length > 0) {
    problems.push('Tab did not come back around to the first element: is focus trapped?');
  }
  for (const d of strays) problems.push(`Tab focused an element that is hidden or not interactive: ${d}`);
  if (noIndicator.size) {
    problems.push(`${noIndicator.size} element(s) show no visible focus (outline, box-shadow, background and border unchanged):\n${[...noIndicator.values()].slice(0, 15).join('\n')}`);
  }
  if (outOfView.size) {
    problems.push(`${outOfView.size} focused element(s) not in view:\n${[...outOfView.values()].slice(0, 15).join('\n')}`);
  }
  return {
    ok: problems.length === 0,
    problems,
    count: names.length,
    report: report('keyboard', problems),
  };
}

/** No horizontal scrolling at the current viewport width; names what sticks out. */
export async function checkReflow(page) {
  const r = await page.evaluate(() => {
    const de = document.documentElement;
    const width = de.clientWidth;
    const scroll = Math.max(de.scrollWidth, document.body.scrollWidth);
    if (scroll <= width) return { width, scroll, offenders: [] };
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.right > width + 0.5 && b.width > 0 && !clipped(el);
    });
    // Name only the outermost ones: their children stick out because they do.
    const outer = wide.filter((el) => !wide.some((o) => o !== el && o.contains(el)));
    return {
      width,
      scroll,
      offenders: outer.slice(0, 10).map((el) => {
        const b = el.getBoundingClientRect();
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        const text = (el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 50);
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} spans ${Math.round(b.left)}–${Math.round(b.right)}px${text ? ` “${text}”` : ''}`;
      }),
    };
  });
  const problems = r.scroll > r.width ? [`the page is ${r.scroll}px wide in a ${r.width}px viewport${r.offenders.length ? `; too wide:\n${r.offenders.join('\n')}` : ''}`] : [];
  return { ok: problems.length === 0, problems, report: report('horizontal scrolling', problems) };
}

/**
 * WCAG 1.4.12 Text Spacing: with line height 1.5, paragraph spacing 2 em, letter spacing
 * 0.12 em and word spacing 0.16 em forced on everything, nothing is cut off and the page
 * still does not scroll sideways. Changes the page's styles: run it last on a page.
 */
export async function checkTextSpacing(page) {
  // A constructed style sheet: an inline <style> would be blocked by the site's
  // Content-Security-Policy, and the check would pass without testing anything.
  const applied = await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return getComputedStyle(document.body).letterSpacing !== 'normal';
  }, `*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;
      word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`);
  if (!applied) {
    const problem = 'the text-spacing styles could not be applied to the page';
    return { ok: false, problems: [problem], report: report('text spacing (WCAG 1.4.12)', [problem]) };
  }
  const clipped = await page.evaluate(() => {
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      // Scrolling boxes lose nothing; visually hidden text (1 px, clipped) is meant for
      // screen readers only.
      const cuts = (o) => o === 'hidden' || o === 'clip';
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
      const cutY = cuts(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
      const cutX = cuts(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
      if ((cutX || cutY) && el.innerText.trim()) {
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        out.push(`${el.tagName.toLowerCase()}${cls} cuts off text: “${el.innerText.replace(/\s+/g, ' ').trim().slice(0, 60)}”`);
      }
    }
    return out;
  });
  const reflow = await checkReflow(page);
  const problems = [...clipped, ...reflow.problems];
  return { ok: problems.length === 0, problems, report: report('text spacing (WCAG 1.4.12)', problems) };
}

/** The rendered text of <main>, line by line, whitespace normalised. */
export async function mainText(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return { lines: null, hidden: '' };
    const lines = main.innerText
      .split('\n')
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    // Controls that scripts reveal are authored `hidden`: they are no content of their own.
    const hidden = [...main.querySelectorAll('[hidden]')].map((el) => el.textContent).join('\n').replace(/\s+/g, ' ');
    return { lines, hidden };
  });
}

/** Every line of <main> shown with JavaScript is also shown without it. */
export function compareWithoutJs(withJs, withoutJs) {
  const problems = [];
  if (!withoutJs.lines) return { ok: false, problems: ['without JavaScript the page has no <main>'] };
  const have = new Set(withoutJs.lines);
  const missing = (withJs.lines || []).filter((l) => !have.has(l) && !withoutJs.hidden.includes(l));
  if (missing.length) {
    problems.push(`${missing.length} line(s) of <main> shown with JavaScript are missing without it:\n${missing.slice(0, 15).map((l) => `“${l.slice(0, 100)}”`).join('\n')}`);
  }
  return { ok: problems.length === 0, problems, report: report('without JavaScript', problems) };
}

/** No request outside the site and nothing stored in the browser. */
export async function checkPrivacy({ context, page, offsite }) {
  const problems = [];
  for (const url of new Set(offsite)) problems.push(`request outside the site: ${url}`);
  for (const c of await context.cookies()) problems.push(`cookie set: ${c.name} (${c.domain})`);
  const stored = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < localStorage.length; i++) out.push(`localStorage: ${localStorage.key(i)}`);
    for (let i = 0; i < sessionStorage.length; i++) out.push(`sessionStorage: ${sessionStorage.key(i)}`);
    if (document.cookie) out.push(`document.cookie: ${document.cookie}`);
    if (indexedDB.databases) for (const d of await indexedDB.databases()) out.push(`IndexedDB: ${d.name}`);
    if (self.caches) for (const k of await caches.keys()) out.push(`Cache Storage: ${k}`);
    if (navigator.serviceWorker) {
      for (const r of await navigator.serviceWorker.getRegistrations()) out.push(`service worker: ${r.scope}`);
    }
    return out;
  });
  problems.push(...stored);
  return { ok: problems.length === 0, problems, report: report('privacy', problems) };
}
