// Our canvas charts against uPlot, in one headless Chromium: the learning curves (every trial's metric by
// epoch) and the optimisation history (each trial's best, coloured by state, with the best-so-far line)
// of the same sweep model, drawn by the dashboard page's own code and by uPlot (npm, pinned in
// package-lock.json). Times, to the next rendered frame (style, layout and paint included):
//   first paint  from the model in memory to both charts on screen: for the page, its two draw calls with
//                every cached scale and range dropped; for uPlot, building its aligned data arrays and
//                creating both plots;
//   filter       from a filter that keeps about half the trials to both charts redrawn with the others
//                faded: the page's draw calls with its filter set; uPlot's curves redrawn with a stroke
//                function that fades (paths kept), its history given new data (kept and faded series).
// Each is the median of REPEATS, the two libraries alternating, in one browser. The page's y axes are its
// robust range, uPlot's its automatic full range; the marks drawn are the same (2,000 curves, 2,000 dots
// and the best-so-far steps).
// usage: node bench.mjs REPORT.html UPLOT_DIST_DIR [REPEATS [SCREENSHOT_DIR]]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';

const [reportPath, uplotDir, repeatsText, screenshotDir] = process.argv.slice(2);
if (!reportPath || !uplotDir) {
  console.error('usage: node bench.mjs REPORT.html UPLOT_DIST_DIR [REPEATS [SCREENSHOT_DIR]]');
  process.exit(2);
}
const repeats = Number(repeatsText || 7);
const html = fs.readFileSync(reportPath, 'utf8');
const modelText = html.match(/<script type="application\/json" id="sweep-model">([\s\S]*?)<\/script>/)[1];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// In both pages: after the next frame has been rendered.
const frameHelper = () => {
  window.nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  // The trials a filter keeps: those whose best is at least the median best (about half).
  window.keptTrials = (rows) => {
    const bests = rows.map((r) => r.best).filter((v) => v !== null).sort((a, b) => a - b);
    const cut = bests[Math.floor(bests.length / 2)];
    return new Set(rows.filter((r) => r.best !== null && r.best >= cut).map((r) => r.number));
  };
};

const browser = await launchChromium();
// Tall enough that both charts are on screen in both pages: a canvas off screen is not rastered.
const viewport = { width: 1280, height: 1100 };

// The dashboard page itself (the static report of the sweep), its own two charts.
const canvasPage = await browser.newPage({ viewport });
canvasPage.on('pageerror', (error) => { console.error(`canvas page error: ${error.message}`); process.exitCode = 1; });
await canvasPage.goto(pathToFileURL(path.resolve(reportPath)).href, { waitUntil: 'load' });
await canvasPage.waitForFunction(() => window.sweepPage && window.sweepPage.paintedAt !== undefined, null, { timeout: 120000 });
await canvasPage.evaluate(frameHelper);
await canvasPage.evaluate(() => document.getElementById('history').scrollIntoView());

// uPlot on an otherwise empty page of the same width, with the same model parsed into memory.
const uplotPage = await browser.newPage({ viewport });
uplotPage.on('pageerror', (error) => { console.error(`uPlot page error: ${error.message}`); process.exitCode = 1; });
await uplotPage.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;padding:20px 36px;' +
  'font:14px system-ui,sans-serif"><div id="history"></div><div id="curves"></div></body></html>');
await uplotPage.addStyleTag({ path: path.join(uplotDir, 'uPlot.min.css') });
await uplotPage.addScriptTag({ path: path.join(uplotDir, 'uPlot.iife.min.js') });
await uplotPage.evaluate(frameHelper);
await uplotPage.evaluate((text) => { window.model = JSON.parse(text); }, modelText);
await uplotPage.evaluate(() => {
  const STATE_COLORS = {finished: '#1f9d55', early_terminated: '#d98b00', running: '#2f6fd6', failed: '#d64545',
                        diverged: '#8e44ad', killed: '#7b8794', interrupted: '#9aa5b1'};
  const width = 1208;
  // History: x = trial number; the best-so-far as a stepped line; points one series per state, kept
  // and faded (uPlot colours a series, not a point).
  window.historyData = (model, kept) => {
    const rows = [...model.trials].sort((a, b) => a.number - b.number);
    const xs = rows.map((r) => r.number);
    let best = null;
    const bestSoFar = rows.map((r) => {
      if (r.best !== null && (best === null || (model.maximize ? r.best > best : r.best < best))) best = r.best;
      return best;
    });
    const states = Object.keys(STATE_COLORS);
    const series = [];
    for (const faded of [true, false]) {
      for (const state of states) {
        series.push(rows.map((r) => (r.state === state && r.best !== null && (kept ? !kept.has(r.number) : false) === faded ? r.best : null)));
      }
    }
    return {data: [xs, bestSoFar, ...series], states};
  };
  window.makeHistory = (model, built) => {
    const dot = (color) => ({stroke: color, fill: color, width: 0, paths: () => null,
                             points: {show: true, size: 6, stroke: color, fill: color}});
    return new uPlot({
      width, height: 320, legend: {show: false}, cursor: {show: false},
      scales: {x: {time: false}},
      series: [{}, {stroke: '#1f2933', width: 1.5, paths: uPlot.paths.stepped({align: 1}), points: {show: false}},
               ...built.states.map(() => dot('#e4e7eb')),
               ...built.states.map((state) => dot(STATE_COLORS[state]))],
    }, built.data, document.getElementById('history'));
  };
  // Learning curves: x = the steps of every trial (aligned), one series per trial; the stroke fades a
  // trial outside the filter and is evaluated at each draw, so a filter needs only a redraw.
  window.curvesData = (model) => {
    const steps = new Set();
    for (const c of model.curves) for (let i = 0; i < c.points.length; i += 2) steps.add(c.points[i]);
    const xs = [...steps].sort((a, b) => a - b);
    const at = new Map(xs.map((x, i) => [x, i]));
    const trials = [];
    const ys = model.curves.map((c) => {
      trials.push(c.trial);
      const y = new Array(xs.length).fill(null);
      for (let i = 0; i < c.points.length; i += 2) y[at.get(c.points[i])] = c.points[i + 1];
      return y;
    });
    return {data: [xs, ...ys], trials};
  };
  window.makeCurves = (built, filter) => new uPlot({
    width, height: 340, legend: {show: false}, cursor: {show: false},
    scales: {x: {time: false}},
    series: [{}, ...built.trials.map((trial) => ({
      stroke: () => (filter.kept && !filter.kept.has(trial) ? '#e4e7eb' : '#9db8e6'), width: 1, points: {show: false}}))],
  }, built.data, document.getElementById('curves'));
});

const canvasRun = () => canvasPage.evaluate(async () => {
  const p = window.sweepPage;
  const kept = window.keptTrials([...p.trials.values()]);
  p.filtered = null;
  p.version += 1;  // every cached scale and range is dropped, as for a new model
  await window.nextFrame();
  let start = performance.now();
  p.drawHistory();
  p.drawCurves();
  const first = (await window.nextFrame()) - start;
  start = performance.now();
  p.filtered = kept;
  p.drawHistory();
  p.drawCurves();
  const filter = (await window.nextFrame()) - start;
  p.filtered = null;
  return {first, filter, kept: kept.size};
});

const uplotRun = () => uplotPage.evaluate(async () => {
  const model = window.model, filter = {kept: null};
  for (const id of ['history', 'curves']) document.getElementById(id).replaceChildren();
  await window.nextFrame();
  let start = performance.now();
  const historyBuilt = window.historyData(model, null);
  const built = window.curvesData(model);
  const prepared = performance.now() - start;
  const history = window.makeHistory(model, historyBuilt);
  const curves = window.makeCurves(built, filter);
  const first = (await window.nextFrame()) - start;
  const kept = window.keptTrials(model.trials);
  start = performance.now();
  filter.kept = kept;
  history.setData(window.historyData(model, kept).data);  // new paths and a redraw (false would only store them)
  curves.redraw(false, false);
  const filterMs = (await window.nextFrame()) - start;
  if (!window.keepPlots) {
    history.destroy();
    curves.destroy();
  }
  return {first, filter: filterMs, prepared, kept: kept.size};
});

const canvas = [], uplot = [];
await canvasRun();  // warm-up of both (JIT, fonts)
await uplotRun();
for (let i = 0; i < repeats; ++i) {
  if (i % 2 === 0) { canvas.push(await canvasRun()); uplot.push(await uplotRun()); }
  else { uplot.push(await uplotRun()); canvas.push(await canvasRun()); }
}
if (screenshotDir) {
  // Both as the last filter left them, to see that they drew the same charts.
  await canvasPage.evaluate(() => { const p = window.sweepPage; p.filtered = window.keptTrials([...p.trials.values()]); p.drawHistory(); p.drawCurves(); });
  await canvasPage.screenshot({ path: path.join(screenshotDir, 'canvas.png') });
  await uplotPage.evaluate(() => { window.keepPlots = true; });
  await uplotRun();
  await uplotPage.screenshot({ path: path.join(screenshotDir, 'uplot.png') });
}
const facts = await uplotPage.evaluate(() => ({
  trials: window.model.trials.length,
  points: window.model.curves.reduce((n, c) => n + c.points.length / 2, 0),
}));
await browser.close();

const m = (runs, key) => median(runs.map((r) => r[key]));
const line = (name, runs) => `${name.padEnd(7)} first paint ${m(runs, 'first').toFixed(1).padStart(7)} ms   ` +
                             `filter redraw ${m(runs, 'filter').toFixed(1).padStart(7)} ms`;
console.log(`charts: ${facts.trials} trials, ${facts.points} curve points; learning curves + optimisation history, ` +
            `median of ${repeats} runs each, to the rendered frame; the filter keeps ${canvas[0].kept} trials`);
console.log(line('canvas', canvas));
console.log(line('uPlot', uplot) + `   (of its first paint: ${m(uplot, 'prepared').toFixed(1)} ms building its data arrays)`);
console.log(`ratio uPlot/canvas: first paint ${(m(uplot, 'first') / m(canvas, 'first')).toFixed(2)}x, ` +
            `filter redraw ${(m(uplot, 'filter') / m(canvas, 'filter')).toFixed(2)}x`);
