// Measures the dashboard page in headless Chromium for sweeps of different sizes: time to first paint
// (navigation start to the charts drawn, model fetch included), the model's size, a full redraw, the time
// to apply a moving brush on the parallel coordinates (filter, table, parallel coordinates, history; median
// of 15, alone and to the next rendered frame) and a released one (the learning curves too), then sorting
// and scrolling the trials table, and a brush with the table on screen (to the rendered frame). With --baseline, the same for another build's
// dashboard, its pages alternating with this one's in the same browser (a before/after under one load).
// usage: node perf.mjs URL SWEEP_ID... OUT_DIR [--baseline URL]
import path from 'node:path';
import { launchChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const flag = args.indexOf('--baseline');
const baselineUrl = flag >= 0 ? args[flag + 1] : null;
if (flag >= 0) args.splice(flag, 2);
const url = args[0], outDir = args[args.length - 1], ids = args.slice(1, -1);
const targets = [{ name: 'this build', url, tag: '' }];
if (baselineUrl) targets.push({ name: 'baseline', url: baselineUrl, tag: '-baseline' });
const browser = await launchChromium();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let failed = false;
const REPEATS = 3;

// In the page: the brush, sort and scroll timings of the sweep it shows.
async function measure() {
  const p = window.sweepPage, times = [], framed = [], redraws = [];
  // A table of every row (before it was virtual) builds its rows after the first paint: wait for them.
  while (!p.order && p.rowEls.size < p.trials.size) await new Promise((resolve) => setTimeout(resolve, 20));
  // After the next frame has been rendered (style, layout and paint included).
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  await frame();
  for (let i = 0; i < 15; ++i) {
    const start = performance.now();
    p.brushes.set(0, [0.2 + 0.02 * i, 0.9]);
    p.brushes.set(1, [0, 0.5 + 0.03 * i]);
    p.applyFilter(true);  // as while dragging: the learning curves follow when the brush rests
    times.push(p.lastBrushMs);
    framed.push((await frame()) - start);
  }
  const kept = p.filtered.size;
  const releases = [];
  for (let i = 0; i < 5; ++i) {
    const start = performance.now();
    p.applyFilter();  // a brush released: every chart, the learning curves included
    releases.push((await frame()) - start);
  }
  const parts = p.lastBrushParts;
  p.brushes.clear();
  p.applyFilter();
  await frame();
  // Sorting the table by a column (best metric), and scrolling it to its middle, to the drawn frame,
  // with the table on screen (where a person sorts and scrolls it).
  const wrap = document.querySelector('#trials .table-wrap');
  wrap.scrollIntoView({ behavior: 'instant' });
  await frame();
  await frame();
  const sorts = [], scrolls = [];
  for (let i = 0; i < 4; ++i) {
    const start = performance.now();
    p.sort = { column: 3, ascending: i % 2 === 0 };
    p.sortTable();
    sorts.push((await frame()) - start);
  }
  for (let i = 0; i < 4; ++i) {
    const start = performance.now();
    wrap.scrollTop = i % 2 === 0 ? wrap.scrollHeight / 2 : 0;
    scrolls.push((await frame()) - start);
  }
  // A moving brush again, now with the table on screen as well (a tall window), to the drawn frame.
  const visibleBrush = [];
  for (let i = 0; i < 7; ++i) {
    const start = performance.now();
    p.brushes.set(0, [0.2 + 0.02 * i, 0.9]);
    p.applyFilter(true);
    visibleBrush.push((await frame()) - start);
  }
  p.brushes.clear();
  p.applyFilter();
  await frame();
  // The virtual table shows the rows in view: at the bottom, the last trial in trial order.
  p.sort = { column: null, ascending: true };
  p.sortTable();
  wrap.scrollTop = wrap.scrollHeight;
  await frame();
  await frame();
  const numbers = [...document.querySelectorAll('#trials-table tbody tr[data-trial]')].map((tr) => Number(tr.dataset.trial));
  const lastShown = numbers.includes(Math.max(...p.trials.keys()));
  const domRows = document.querySelectorAll('#trials-table tbody tr').length;
  wrap.scrollTop = 0;
  window.scrollTo(0, 0);
  await frame();
  for (let i = 0; i < 5; ++i) { p.redraw(); redraws.push(p.lastRedrawMs); }
  const points = [...p.curves.values()].reduce((n, c) => n + c.steps.length, 0);
  return { trials: p.trials.size, points, brush: times, framed, releases, kept, redraws, brushParts: parts,
           loadParts: p.loadParts, sorts, scrolls, visibleBrush, domRows, lastShown, virtual: !!p.order };
}

async function firstPaint(target, id, results, last) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => { console.error(`page error: ${error.message}`); failed = true; });
  await page.goto(new URL(`/sweeps/${id}`, target.url).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.sweepPage && window.sweepPage.paintedAt !== undefined, null, { timeout: 120000 });
  // paintedAt is when the first redraw returned; one more frame and the canvases are on screen.
  results.paints.push(await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
  results.sizes.push(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/model'))
    .map((e) => e.encodedBodySize)[0] || 0));
  if (last) {
    results.facts = await page.evaluate(measure);
    await page.screenshot({ path: path.join(outDir, `perf-${results.facts.trials}${target.tag}.png`), fullPage: true });
  }
  await page.close();
}

for (const id of ids) {
  const byTarget = targets.map(() => ({ paints: [], sizes: [], facts: null }));
  for (let repeat = 0; repeat < REPEATS; ++repeat) {
    // Alternating which goes first, so neither always meets a warmer browser or a quieter machine.
    const order = repeat % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => i).reverse();
    for (const i of order) await firstPaint(targets[i], id, byTarget[i], repeat === REPEATS - 1);
  }
  targets.forEach((target, i) => {
    const { paints, sizes, facts } = byTarget[i];
    const label = targets.length > 1 ? `${target.name}: ` : '';
    console.log(`perf: ${label}${facts.trials} trials, ${facts.points} points, model ${(median(sizes) / 1024).toFixed(0)} KiB: ` +
                `first paint median ${median(paints).toFixed(0)} ms (runs ${paints.map((p) => p.toFixed(0)).join(', ')}), ` +
                `full redraw ${median(facts.redraws).toFixed(1)} ms, brush applied median ${median(facts.brush).toFixed(1)} ms, ` +
                `to the next frame drawn median ${median(facts.framed).toFixed(1)} ms; brush released (curves too) to its frame ` +
                `${median(facts.releases).toFixed(1)} ms (last brush kept ${facts.kept} trials); table: sort median ` +
                `${median(facts.sorts).toFixed(1)} ms, scroll median ${median(facts.scrolls).toFixed(1)} ms, ` +
                `brush with the table on screen ${median(facts.visibleBrush).toFixed(1)} ms, ${facts.domRows} rows in the DOM`);
    const parts = (o) => Object.entries(o).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(`  last load: ${parts(facts.loadParts)} ms; last brush: ${parts(facts.brushParts)} ms`);
    if (facts.virtual && (!facts.lastShown || facts.domRows > 120)) {
      console.error(`FAIL: ${label}the virtual table scrolled to its end shows the last trial: ${facts.lastShown}; ` +
                    `${facts.domRows} rows in the DOM (at most 120 expected)`);
      failed = true;
    }
  });
}
await browser.close();
process.exit(failed ? 1 : 0);
