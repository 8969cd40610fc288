// Opens a sweep report in Debian's headless Chromium and checks it as a person would see it: no console
// error or warning, no page error, no request for anything but the file itself and data: URIs (the CSP
// turns any external reference into a console error), the sections and charts present, images decoded,
// the trials table with the expected rows and sortable by a click. Saves a full-page screenshot.
// The report is the dashboard's page with its model embedded: the charts are canvases its script draws.
//
// usage: node check_report.mjs REPORT.html SCREENSHOT.png --rows N [--min-charts K] [--images]
// exit: 0 ok, 1 a check failed, 2 bad usage
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { failOnPageTrouble, launchChromium, showTrialsTable } from './chromium.mjs';

function usage(message) {
  console.error(`check_report: ${message}\nusage: node check_report.mjs REPORT.html SCREENSHOT.png --rows N [--min-charts K] [--images]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const positional = [];
const options = { rows: null, minSvgs: 0, images: false };
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--rows') options.rows = Number(args[++i]);
  else if (args[i] === '--min-charts') options.minSvgs = Number(args[++i]);
  else if (args[i] === '--images') options.images = true;
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else positional.push(args[i]);
}
if (positional.length !== 2 || !Number.isInteger(options.rows) || !Number.isInteger(options.minSvgs)) {
  usage('expected REPORT.html, SCREENSHOT.png and --rows N');
}
const [reportPath, screenshotPath] = positional.map((p) => path.resolve(p));
const reportUrl = pathToFileURL(reportPath).href;

const failures = [];
const fail = (message) => failures.push(message);

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  failOnPageTrouble(page, fail);
  page.on('request', (request) => {
    const url = request.url();
    if (url !== reportUrl && !url.startsWith('data:')) fail(`request for something other than the report: ${url}`);
  });
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith('data:')) fail(`request failed: ${request.url()}`);
  });

  const response = await page.goto(reportUrl, { waitUntil: 'load' });
  if (!response || !response.ok()) fail(`the report did not load: ${reportUrl}`);

  await showTrialsTable(page);
  const facts = await page.evaluate(() => {
    const ids = ['overview', 'history', 'curves', 'parallel', 'importance', 'test', 'trials'];
    const images = Array.from(document.images);
    return {
      title: document.title,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '',
      missingSections: ids.filter((id) => !document.getElementById(id)),
      navLinks: document.querySelectorAll('nav a[href^="#"]').length,
      // The charts drawn: canvases on screen (a section with no data hides its canvas and says so).
      svgs: Array.from(document.querySelectorAll('section canvas')).filter((c) => c.offsetParent !== null).length,
      emptySvgs: Array.from(document.querySelectorAll('section canvas')).filter((c) => {
        const box = c.getBoundingClientRect();
        return c.offsetParent !== null && (box.width < 50 || box.height < 50);
      }).length,
      rows: document.querySelectorAll('#trials-table tbody tr[data-trial]').length,
      images: images.length,
      brokenImages: images.filter((image) => !image.complete || image.naturalWidth === 0).length,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  if (!facts.title.startsWith('sweep report: ')) fail(`title is "${facts.title}"`);
  if (!facts.csp.includes("default-src 'none'")) fail('no strict Content-Security-Policy meta');
  if (facts.missingSections.length > 0) fail(`missing sections: ${facts.missingSections.join(', ')}`);
  if (facts.navLinks < 7) fail(`the nav has ${facts.navLinks} section links`);
  if (facts.svgs < options.minSvgs) fail(`${facts.svgs} charts, expected at least ${options.minSvgs}`);
  if (options.minSvgs === 0 && facts.svgs > 0) fail(`${facts.svgs} charts drawn for a sweep without data`);
  if (facts.emptySvgs > 0) fail(`${facts.emptySvgs} charts are drawn smaller than 50 px`);
  if (facts.rows !== options.rows) fail(`the trials table has ${facts.rows} rows, expected ${options.rows}`);
  if (options.images && facts.images === 0) fail('no sample images');
  if (facts.brokenImages > 0) fail(`${facts.brokenImages} images did not decode`);
  if (facts.overflow > 1) fail(`the page is ${facts.overflow} px wider than the window`);

  // Clicking a numeric column's header sorts the rows by it, ascending then descending, empty cells last.
  if (options.rows >= 2) {
    // Column 0 holds the compare boxes.
    const header = page.locator('#trials-table thead th').nth(3);  // best <metric>
    const column = () =>
      page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.map((row) => row.cells[3].getAttribute('data-sort')));
    const sorted = (values, ascending) => {
      const numbers = values.filter((v) => v !== '').map(Number);
      const blanksLast = values.slice(numbers.length).every((v) => v === '');
      const ordered = numbers.every((v, i) => i === 0 || (ascending ? numbers[i - 1] <= v : numbers[i - 1] >= v));
      return blanksLast && ordered;
    };
    await header.click();
    await showTrialsTable(page);
    const ascending = await column();
    if (!sorted(ascending, true)) fail(`not sorted ascending after one click: ${ascending.join(' ')}`);
    if ((await header.getAttribute('aria-sort')) !== 'ascending') fail('the sorted header is not marked ascending');
    await header.click();
    await showTrialsTable(page);
    const descending = await column();
    if (!sorted(descending, false)) fail(`not sorted descending after two clicks: ${descending.join(' ')}`);
    // Back to trial order, so the screenshot shows the table as it comes.
    const numberHeader = page.locator('#trials-table thead th').nth(1);
    await numberHeader.click();
    await showTrialsTable(page);
    const numbers = await page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.map((row) => Number(row.cells[1].dataset.sort)));
    if (!numbers.every((v, i) => i === 0 || numbers[i - 1] < v)) fail(`not sorted by trial number: ${numbers.join(' ')}`);
  }

  // From the top, so the sticky nav sits where it belongs in the full-page picture.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  if (failures.length === 0) {
    console.log(`check_report: ok: ${path.basename(reportPath)}: ${facts.svgs} charts, ${facts.rows} rows, ` +
                `${facts.images} images; screenshot ${screenshotPath}`);
  }
} catch (error) {
  fail(`${error.message}`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`check_report: FAIL: ${failure}`);
  process.exit(1);
}
