// Drives `sweep dashboard` in Debian's headless Chromium while a sweep writes, as a person would use it:
// the list of sweeps, then the live sweep's page updating without a reload, a brush on the parallel
// coordinates filtering the table, a click opening a trial (parameters, state, log tail), two trials
// compared, zoom and the range toggle; names that look like markup shown as text. Fails on any console
// error or warning, page error, dialog, or request to anything but the dashboard. Saves screenshots and
// the page's arrival times of live points (arrivals.json) in OUT_DIR.
//
// usage: node check_dashboard.mjs URL OUT_DIR      exit: 0 ok, 1 a check failed
import fs from 'node:fs';
import path from 'node:path';
import { failOnPageTrouble, launchChromium, showTrialsTable } from './chromium.mjs';

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node check_dashboard.mjs URL OUT_DIR');
  process.exit(2);
}
const origin = new URL(url).origin;
const failures = [];
const fail = (message) => failures.push(message);
const check = (ok, message) => { if (!ok) fail(message); };

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  failOnPageTrouble(page, fail);
  page.on('request', (request) => { if (!request.url().startsWith(origin + '/') && !request.url().startsWith('data:')) fail(`request outside the dashboard: ${request.url()}`); });
  page.on('requestfailed', (request) => fail(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => { if (response.status() >= 400) fail(`HTTP ${response.status()} for ${response.url()}`); });
  let loads = 0;
  page.on('load', () => { loads += 1; });

  // The list: two sweeps, each a link to its page.
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#sweeps-table tbody tr');
  const names = await page.$$eval('#sweeps-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  check(names.includes('live') && names.includes('done'), `the list shows ${names.join(', ')}`);
  await page.screenshot({ path: path.join(outDir, 'list.png'), fullPage: true });
  await page.click('#sweeps-table a:text-is("live")');
  await page.waitForFunction(() => window.sweepPage && window.sweepPage.paintedAt !== undefined);
  loads = 0;

  // Live: points arrive without a reload.
  const points = () => page.evaluate(() => [...window.sweepPage.curves.values()].reduce((n, c) => n + c.steps.length, 0));
  const before = await points();
  await page.waitForFunction((n) => [...window.sweepPage.curves.values()].reduce((s, c) => s + c.steps.length, 0) > n + 5, before, { timeout: 20000 });
  const after = await points();
  check(after > before, `no live points arrived (${before} -> ${after})`);
  check(loads === 0, `the page reloaded ${loads} times while updating`);
  await showTrialsTable(page);
  const liveRows = await page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.length);
  check(liveRows >= 2, `the trials table has ${liveRows} rows`);
  await page.screenshot({ path: path.join(outDir, 'live.png'), fullPage: true });

  // Escaping: the categorical value "<script>alert(1)</script>" is text in the table and on the axis.
  const scripts = await page.$$eval('script', (all) => all.length);
  check(scripts === 1, `${scripts} script elements on the page (only app.js expected)`);

  // Wait for the sweep to finish, so the brush acts on settled rows.
  await page.waitForFunction(() => window.sweepPage.sweepState === 'finished', null, { timeout: 60000 });
  await page.waitForTimeout(400);
  await showTrialsTable(page);
  const total = await page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.length);
  check(total === 8, `the finished sweep's table has ${total} rows, expected 8`);

  // Brush the first axis (x) from its top to its middle: the table keeps only the trials inside.
  const canvas = page.locator('#parallel-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const axisX = box.x + 40, top = box.y + 28, bottom = box.y + 360 - 34;
  await page.mouse.move(axisX, top + 2);
  await page.mouse.down();
  await page.mouse.move(axisX, (top + bottom) / 2, { steps: 8 });
  await page.mouse.up();
  await showTrialsTable(page);
  const visible = await page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.filter((r) => !r.hidden).length);
  const expected = await page.evaluate(() => [...window.sweepPage.trials.values()].filter((r) => {
    const xs = [...window.sweepPage.trials.values()].map((t) => t.axes[0]);
    const lo = Math.min(...xs), hi = Math.max(...xs);
    return (r.axes[0] - lo) / (hi - lo) >= 0.5 - 0.02;
  }).length);
  check(visible > 0 && visible < total, `after the brush ${visible} of ${total} rows are shown`);
  check(Math.abs(visible - expected) <= 1, `the brush shows ${visible} rows; trials in the upper half of x: ${expected}`);
  const note = await page.textContent('#filter-note');
  check(note.includes(`${visible} of ${total}`), `the filter note says "${note}"`);
  await page.screenshot({ path: path.join(outDir, 'brushed.png'), fullPage: true });
  await page.click('#clear-brushes');
  await showTrialsTable(page);
  const cleared = await page.$$eval('#trials-table tbody tr[data-trial]', (rows) => rows.filter((r) => !r.hidden).length);
  check(cleared === total, `after clearing the brushes ${cleared} rows are shown`);

  // Markup in values is text.
  const cells = await page.$$eval('#trials-table tbody td', (all) => all.map((c) => c.textContent));
  check(cells.includes('<script>alert(1)</script>'), 'the "<script>" parameter value is not shown as text in the table');

  // Compare: two trials ticked, their curves overlaid with a legend.
  const boxes = page.locator('#trials-table tbody input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const legend = await page.$$eval('#compare-legend .legend-item', (items) => items.length);
  check(legend === 2, `the compare legend has ${legend} entries`);

  // Zoom the history with the wheel; the range toggle switches to the full range and back.
  const history = page.locator('#history canvas');
  await history.scrollIntoViewIfNeeded();
  const hb = await history.boundingBox();
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.wheel(0, -300);
  check(await page.evaluate(() => window.sweepPage.historyChart.zoomed()), 'the wheel did not zoom the history');
  await page.click('#range-toggle');
  check((await page.textContent('#range-toggle')) === 'full range', 'the range toggle did not switch to the full range');
  await page.click('#range-toggle');

  // Click a trial: its parameters, state and log tail.
  await page.click('#trials-table tbody tr[data-trial]:nth-child(3) td:nth-child(2)');
  await page.waitForSelector('#trial-log');
  const log = await page.textContent('#trial-log');
  check(log.includes('epoch 25 done') && log.includes('<b>not markup</b>'), `the trial's log tail is "${log.slice(0, 120)}"`);
  const details = await page.textContent('#trial-details');
  check(details.includes('finished') && details.includes('variant'), 'the trial details lack its state or parameters');
  await page.screenshot({ path: path.join(outDir, 'trial.png'), fullPage: true });

  const arrivals = await page.evaluate(() => window.sweepPage.arrivals);
  fs.writeFileSync(path.join(outDir, 'arrivals.json'), JSON.stringify(arrivals));
  if (failures.length === 0) console.log(`check_dashboard: ok: ${total} trials, ${after} points seen live, brush kept ${visible}; screenshots in ${outDir}`);
} catch (error) {
  fail(error.stack || error.message);
} finally {
  await browser.close();
}
if (failures.length) {
  for (const failure of failures) console.error(`check_dashboard: FAIL: ${failure}`);
  process.exit(1);
}
