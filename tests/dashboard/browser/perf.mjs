// Measures the dashboard page in headless Chromium for sweeps of different sizes: time to first paint
// (navigation start to the charts drawn, model fetch included), the model's size, a full redraw, the time
// to apply a moving brush on the parallel coordinates (filter, table, parallel coordinates, history; median
// of 15, alone and to the next rendered frame) and a released one (the learning curves too).
// usage: node perf.mjs URL SWEEP_ID... OUT_DIR
import { chromium } from 'playwright-core';
import path from 'node:path';

const args = process.argv.slice(2);
const url = args[0], outDir = args[args.length - 1], ids = args.slice(1, -1);
const browser = await chromium.launch({
  executablePath: process.env.SWEEP_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let failed = false;
for (const id of ids) {
  const paints = [], sizes = [];
  let facts = null;
  for (let repeat = 0; repeat < 3; ++repeat) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => { console.error(`page error: ${error.message}`); failed = true; });
    await page.goto(new URL(`/sweeps/${id}`, url).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.sweepPage && window.sweepPage.paintedAt !== undefined, null, { timeout: 60000 });
    // paintedAt is when the first redraw returned; one more frame and the canvases are on screen.
    const painted = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
    paints.push(painted);
    sizes.push(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/model'))
      .map((e) => e.encodedBodySize)[0] || 0));
    if (repeat === 2) {
      facts = await page.evaluate(async () => {
        const p = window.sweepPage, times = [], framed = [], redraws = [];
        while (p.rowEls.size < p.trials.size) await new Promise((resolve) => setTimeout(resolve, 20));  // the table's rows, built after the first paint
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
        for (let i = 0; i < 5; ++i) { p.redraw(); redraws.push(p.lastRedrawMs); }
        const points = [...p.curves.values()].reduce((n, c) => n + c.steps.length, 0);
        return { trials: p.trials.size, points, brush: times, framed, releases, kept, redraws, brushParts: parts, loadParts: p.loadParts };
      });
      await page.screenshot({ path: path.join(outDir, `perf-${facts.trials}.png`), fullPage: true });
    }
    await page.close();
  }
  console.log(`perf: ${facts.trials} trials, ${facts.points} points, model ${(median(sizes) / 1024).toFixed(0)} KiB: ` +
              `first paint median ${median(paints).toFixed(0)} ms (runs ${paints.map((p) => p.toFixed(0)).join(', ')}), ` +
              `full redraw ${median(facts.redraws).toFixed(1)} ms, brush applied median ${median(facts.brush).toFixed(1)} ms, ` +
              `to the next frame drawn median ${median(facts.framed).toFixed(1)} ms; brush released (curves too) to its frame ` +
              `${median(facts.releases).toFixed(1)} ms ` +
              `(last brush kept ${facts.kept} trials)`);
  const parts = (o) => Object.entries(o).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  console.log(`  last load: ${parts(facts.loadParts)} ms; last brush: ${parts(facts.brushParts)} ms`);
}
await browser.close();
process.exit(failed ? 1 : 0);
