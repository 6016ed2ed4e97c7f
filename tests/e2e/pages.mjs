// One page of every page type of the example portal. Paths are relative to the base URL.
//
// `status`: the HTTP status expected (200 unless said). `jsRequired`: the page's main
// function needs JavaScript; without it the page must say so and link to the site map.
// `ready`: waits until what scripts add to the page is there. `check`: throws if the page
// does not do its job.

const searchDone = async (page) => {
  await page.waitForFunction(() => {
    const s = document.getElementById('sok-status');
    return s && /träff/.test(s.textContent);
  });
};

export const PAGES = [
  { name: 'start', title: 'start page', path: '' },
  { name: 'section', title: 'section', path: 'anslutning/' },
  { name: 'guide', title: 'guide', path: 'anslutning/kommun/' },
  { name: 'agreement-current', title: 'agreement, current version', path: 'avtal/driftsavtal/' },
  { name: 'agreement-old', title: 'agreement, superseded version', path: 'avtal/driftsavtal/1.0/' },
  { name: 'agreement-upcoming', title: 'agreement, upcoming version', path: 'avtal/definitioner/2.0/' },
  { name: 'changes', title: 'change view', path: 'avtal/driftsavtal/1.1/andringar/' },
  { name: 'hierarchy', title: 'agreement hierarchy', path: 'avtal/' },
  { name: 'glossary', title: 'glossary', path: 'avtal/begrepp/' },
  { name: 'notices', title: 'notice list', path: 'driftinformation/' },
  { name: 'notice', title: 'notice (ended disruption)', path: 'driftinformation/2026-09-08-storning-behorighetskontroll/' },
  { name: 'notice-upcoming', title: 'notice (planned maintenance)', path: 'driftinformation/2027-01-17-planerat-underhall-produktion/' },
  { name: 'data-list', title: 'personal-data list', path: 'personuppgifter/' },
  { name: 'search', title: 'search', path: 'sok/', jsRequired: true },
  {
    name: 'search-results',
    title: 'search with results',
    path: 'sok/?q=avtal',
    jsRequired: true,
    ready: searchDone,
    // The search must find something: an empty result page would pass every other check.
    check: async (page) => {
      const hits = await page.locator('#sok-traffar li').count();
      if (hits === 0) throw new Error(`searching for "avtal" found nothing: ${await page.locator('#sok-status').innerText()}`);
    },
  },
  { name: 'sitemap', title: 'site map', path: 'webbplatskarta/' },
  { name: '404', title: '404 page', path: '404.html' },
  { name: 'missing', title: 'missing address (served as 404)', path: 'finns-inte/', status: 404 },
  { name: 'accessibility-statement', title: 'accessibility statement', path: 'tillganglighetsredogorelse/' },
];
