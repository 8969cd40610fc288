// The sweep dashboard page: draws a sweep's model (report_json.cpp) with canvas charts that zoom, pan
// and brush, and merges the server's live updates into it. The static `sweep report` file is this same
// page with the model embedded; it then simply does not poll. Every name and value from the database is
// put in the page as text (textContent), never as markup.
'use strict';
(function () {
  const POLL_MS = 300;             // live updates: a new epoch shows within a second
  const ROW_PX = 32;               // a trials-table row's height (style.css: table.trials tbody td)
  const TABLE_VIEW_PX = 560;       // the table's scroll box (style.css: .table-wrap), until measured
  const ROWS_AROUND = 12;          // rows drawn beyond the visible ones, so a quick scroll shows no gap
  const ROW_CACHE = 500;           // row elements kept for reuse when they leave the table's window
  const MODEL_REFRESH_MS = 10000;  // importance, best command line and test results come with the model

  // ---------- small helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : value);
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  function fmt(value) {
    if (value === null || value === undefined || !isFinite(value)) return '';
    if (value === 0) return '0';
    const abs = Math.abs(value);
    if (abs >= 1e6 || abs < 1e-4) return value.toExponential(3).replace(/\.?0+e/, 'e');
    return String(Number(value.toPrecision(6)));
  }
  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return '';
    if (seconds < 1) return Math.round(seconds * 1000) + 'ms';
    if (seconds < 60) return seconds.toFixed(1) + 's';
    const m = Math.floor(seconds / 60), s = Math.floor(seconds % 60);
    if (m < 60) return m + 'm' + String(s).padStart(2, '0') + 's';
    return Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0') + 'm';
  }
  function utc(seconds) { return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z'); }
  const STATE_COLORS = {finished: '#1f9d55', early_terminated: '#d98b00', running: '#2f6fd6', failed: '#d64545',
                        diverged: '#8e44ad', killed: '#7b8794', interrupted: '#9aa5b1'};
  const STATE_ORDER = ['finished', 'early_terminated', 'running', 'failed', 'diverged', 'killed', 'interrupted'];
  const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#000075'];
  // Viridis-like ramp for the metric colour (low -> high).
  const RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
  function rampColor(t) { return RAMP[Math.max(0, Math.min(RAMP.length - 1, Math.floor(t * RAMP.length)))]; }

  // The range that holds most values: Tukey's fences (quartiles ± 1.5 IQR) clipped to the data, so a few
  // collapsed trials (accuracy 0.1 among 0.85-0.90) do not squash the winners into one pixel.
  function ranges(values) {
    const v = values.filter((x) => x !== null && isFinite(x)).sort((a, b) => a - b);
    if (v.length === 0) return null;
    const full = [v[0], v[v.length - 1]];
    if (v.length < 5) return {full, robust: full};
    const q = (p) => { const i = (v.length - 1) * p, lo = Math.floor(i); return v[lo] + (v[Math.ceil(i)] - v[lo]) * (i - lo); };
    const q1 = q(0.25), q3 = q(0.75), iqr = q3 - q1;
    const lo = Math.max(full[0], q1 - 1.5 * iqr), hi = Math.min(full[1], q3 + 1.5 * iqr);
    if (hi <= lo) return {full, robust: full};
    return {full, robust: [v.find((x) => x >= lo), [...v].reverse().find((x) => x <= hi)]};
  }
  function padded(range) {
    let [lo, hi] = range;
    if (hi === lo) { const d = Math.abs(lo) * 0.05 || 0.5; lo -= d; hi += d; }
    const pad = (hi - lo) * 0.06;
    return [lo - pad, hi + pad];
  }
  function ticks(lo, hi, count) {
    const span = hi - lo;
    if (!(span > 0)) return [lo];
    const step0 = Math.pow(10, Math.floor(Math.log10(span / count)));
    const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= count) || step0 * 10;
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  // A chart's width, read once and then kept current by a ResizeObserver: reading clientWidth while
  // drawing would force a layout of the whole page (its 2,000-row table) on every brush move.
  function watchWidth(element, changed) {
    let known = element.clientWidth;
    new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1].contentRect.width);
      if (width > 0 && width !== known) { known = width; changed(width); }
    }).observe(element);
    return known;
  }

  // ---------- a canvas chart with zoom (wheel), pan (drag) and reset (double-click) ----------
  class ZoomChart {
    constructor(container, opts) {
      this.opts = opts;
      this.canvas = el('canvas', {class: 'pan', 'aria-label': opts.label || 'chart', role: 'img'});
      this.tip = el('div', {class: 'tip'});
      this.wrap = el('div', {class: 'chart'}, this.canvas, this.tip);
      container.append(this.wrap);
      this.height = opts.height || 320;
      this.margin = {l: 62, r: 16, t: 12, b: 38};
      this.view = null;       // {x0, x1, y0, y1} in data units
      this.home = null;       // the default view
      this.drag = null;
      this.canvas.addEventListener('wheel', (e) => this.onWheel(e), {passive: false});
      this.canvas.addEventListener('pointerdown', (e) => this.onDown(e));
      this.canvas.addEventListener('pointermove', (e) => this.onMove(e));
      this.canvas.addEventListener('pointerup', (e) => this.onUp(e));
      this.canvas.addEventListener('pointerleave', () => { this.tip.style.display = 'none'; });
      this.canvas.addEventListener('dblclick', () => { this.view = null; this.draw(); });
      this.width = watchWidth(this.wrap, (width) => { this.width = width; this.draw(); });
    }
    draw() { if (this.opts.draw) this.opts.draw(); }
    setHome(x, y) {
      const changed = !this.home || this.home.x0 !== x[0] || this.home.x1 !== x[1] || this.home.y0 !== y[0] || this.home.y1 !== y[1];
      this.home = {x0: x[0], x1: x[1], y0: y[0], y1: y[1]};
      return changed;
    }
    current() { return this.view || this.home; }
    zoomed() { return this.view !== null; }
    size() {
      const width = Math.max(300, this.width || 800);
      const ratio = window.devicePixelRatio || 1;
      if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(this.height * ratio)) {
        this.canvas.width = Math.round(width * ratio);
        this.canvas.height = Math.round(this.height * ratio);
        this.canvas.style.height = this.height + 'px';
      }
      const ctx = this.canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      return {ctx, width, height: this.height};
    }
    sx(x, w) { const v = this.current(); return this.margin.l + (x - v.x0) / (v.x1 - v.x0) * (w - this.margin.l - this.margin.r); }
    sy(y) { const v = this.current(); return this.margin.t + (1 - (y - v.y0) / (v.y1 - v.y0)) * (this.height - this.margin.t - this.margin.b); }
    ix(px, w) { const v = this.current(); return v.x0 + (px - this.margin.l) / (w - this.margin.l - this.margin.r) * (v.x1 - v.x0); }
    iy(py) { const v = this.current(); return v.y0 + (1 - (py - this.margin.t) / (this.height - this.margin.t - this.margin.b)) * (v.y1 - v.y0); }
    onWheel(e) {
      if (!this.home) return;
      e.preventDefault();
      const rect = this.canvas.getBoundingClientRect();
      const w = rect.width, px = e.clientX - rect.left, py = e.clientY - rect.top;
      const v = {...this.current()};
      const f = e.deltaY < 0 ? 0.8 : 1.25;
      const x = this.ix(px, w), y = this.iy(py);
      if (!e.altKey) { v.x0 = x - (x - v.x0) * f; v.x1 = x + (v.x1 - x) * f; }
      if (!e.shiftKey) { v.y0 = y - (y - v.y0) * f; v.y1 = y + (v.y1 - y) * f; }
      this.view = v;
      this.draw();
    }
    onDown(e) {
      if (!this.home) return;
      this.canvas.setPointerCapture(e.pointerId);
      this.drag = {x: e.clientX, y: e.clientY, view: {...this.current()}, moved: false};
    }
    onMove(e) {
      const rect = this.canvas.getBoundingClientRect();
      if (this.drag) {
        const dx = e.clientX - this.drag.x, dy = e.clientY - this.drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) this.drag.moved = true;
        if (!this.drag.moved) return;
        const v = this.drag.view, w = rect.width;
        const kx = (v.x1 - v.x0) / (w - this.margin.l - this.margin.r);
        const ky = (v.y1 - v.y0) / (this.height - this.margin.t - this.margin.b);
        this.view = {x0: v.x0 - dx * kx, x1: v.x1 - dx * kx, y0: v.y0 + dy * ky, y1: v.y1 + dy * ky};
        this.draw();
        return;
      }
      if (this.opts.hover) {
        const text = this.opts.hover(e.clientX - rect.left, e.clientY - rect.top, rect.width);
        if (text) {
          this.tip.textContent = text;
          this.tip.style.display = 'block';
          const left = Math.min(e.clientX - rect.left + 14, rect.width - this.tip.offsetWidth - 4);
          this.tip.style.left = Math.max(0, left) + 'px';
          this.tip.style.top = (e.clientY - rect.top + 14) + 'px';
        } else {
          this.tip.style.display = 'none';
        }
      }
    }
    onUp(e) {
      const drag = this.drag;
      this.drag = null;
      if (drag && !drag.moved && this.opts.click) {
        const rect = this.canvas.getBoundingClientRect();
        this.opts.click(e.clientX - rect.left, e.clientY - rect.top, rect.width);
      }
    }
    axes(ctx, w, xLabel, yLabel, yLog) {
      const v = this.current(), m = this.margin, h = this.height;
      ctx.strokeStyle = '#e4e7eb'; ctx.fillStyle = '#616e7c'; ctx.lineWidth = 1;
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      for (const t of ticks(v.y0, v.y1, 6)) {
        const y = this.sy(t);
        ctx.beginPath(); ctx.moveTo(m.l, y); ctx.lineTo(w - m.r, y); ctx.stroke();
        ctx.fillText(fmt(yLog ? Math.pow(10, t) : t), m.l - 6, y);
      }
      ctx.textAlign = 'center'; ctx.textBaseline = 'top';
      for (const t of ticks(v.x0, v.x1, Math.max(3, Math.floor((w - m.l - m.r) / 90)))) {
        const x = this.sx(t, w);
        ctx.beginPath(); ctx.moveTo(x, m.t); ctx.lineTo(x, h - m.b); ctx.stroke();
        ctx.fillText(fmt(t), x, h - m.b + 5);
      }
      ctx.fillStyle = '#1f2933';
      ctx.fillText(xLabel, m.l + (w - m.l - m.r) / 2, h - 16);
      ctx.save(); ctx.translate(13, m.t + (h - m.t - m.b) / 2); ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'middle'; ctx.fillText(yLabel, 0, 0); ctx.restore();
      ctx.strokeStyle = '#9aa5b1';
      ctx.strokeRect(m.l, m.t, w - m.l - m.r, h - m.t - m.b);
    }
    clip(ctx, w) {
      const m = this.margin;
      ctx.save(); ctx.beginPath(); ctx.rect(m.l, m.t, w - m.l - m.r, this.height - m.t - m.b); ctx.clip();
    }
  }

  // ---------- the sweep page ----------
  class SweepPage {
    constructor(model, live) {
      this.live = live;              // {id} when served, null for the static file
      this.brushes = new Map();      // axis index -> [lo, hi] in axis units (0..1 of the axis height)
      this.selected = new Set();     // trial numbers overlaid in the learning curves
      this.opened = null;            // the trial whose details are shown
      this.fullRange = false;        // the history's and colours' y: robust (default) or full
      this.fullCurveRange = false;
      this.dirty = false;
      this.arrivals = [];            // {trial, step, at}: when each live point was first drawn (unix s; measurements)
      this.pending = [];             // live points merged but not drawn yet
      this.setModel(model);
      this.build();
      this.redraw();
      window.addEventListener('resize', () => this.schedule());
    }

    setModel(model) {
      this.version = (this.version || 0) + 1;  // the data changed: cached scales and ranges are stale
      this.model = model;
      this.cursor = model.cursor;
      this.trials = new Map();
      for (const row of model.trials) this.trials.set(row.number, row);
      this.curves = new Map();
      const ids = new Map(model.trials.map((row) => [row.number, row.id]));
      for (const c of model.curves) {
        const steps = [], values = [];
        for (let i = 0; i < c.points.length; i += 2) { steps.push(c.points[i]); values.push(c.points[i + 1]); }
        this.curves.set(c.trial, {id: ids.get(c.trial), steps, values});
      }
      this.columns = [...model.param_columns];
    }

    // A value computed once per data version (and key): scales and ranges are not recomputed per brush move.
    cached(name, key, compute) {
      const slot = (this.cache = this.cache || {})[name];
      if (slot && slot.version === this.version && slot.key === key) return slot.value;
      const value = compute();
      this.cache[name] = {version: this.version, key, value};
      return value;
    }

    // The best trial among the rows (by the goal), recomputed as updates arrive.
    bestRow() {
      let best = null;
      for (const row of this.trials.values()) {
        if (row.best === null || !isFinite(row.best)) continue;
        if (!best || (this.model.maximize ? row.best > best.best : row.best < best.best)) best = row;
      }
      return best;
    }

    // ----- layout -----
    build() {
      const m = this.model, main = document.getElementById('main');
      main.replaceChildren();
      document.title = 'sweep ' + (this.live ? 'dashboard' : 'report') + ': ' + m.sweep.name;
      const title = document.getElementById('title');
      title.replaceChildren(this.live ? el('a', {href: '/?list', text: 'sweeps / '}) : '', 'Sweep ', el('span', {class: 'mono', text: m.sweep.name}));
      this.subtitle = document.getElementById('subtitle');
      const sections = [['overview', 'Overview'], ['history', 'Optimization history'], ['curves', 'Learning curves'],
                        ['parallel', 'Parallel coordinates'], ['importance', 'Importance'], ['test', 'Test set']];
      if (m.samples) sections.push(['samples', 'Sample images']);
      sections.push(['trials', 'Trials'], ['trial', 'Trial details']);
      const toc = document.getElementById('toc-links');
      toc.replaceChildren(...sections.map(([id, name]) => el('a', {href: '#' + id, text: name})));
      this.cards = {};
      for (const [id, name] of sections) {
        const h2 = el('h2', {text: name === 'Importance' ? 'Parameter importance' : name});
        const card = el('section', {class: 'card', id}, h2);
        card.h2 = h2;
        this.cards[id] = card;
        main.append(card);
      }
      this.cards.trial.hidden = true;
      this.buildOverview();
      this.buildHistory();
      this.buildCurves();
      this.buildParallel();
      this.buildImportance();
      this.buildTest();
      if (m.samples) this.buildSamples();
      this.buildTable();
      const footer = document.getElementById('footer');
      footer.textContent = this.live
        ? 'Served live by `sweep dashboard` from ' + (this.live.db || 'results.db') + '; read-only.'
        : 'Generated by `sweep report` from sweep ' + m.sweep.name + ' on ' + m.generated_at +
          '. One self-contained file: no scripts, styles, fonts or images are fetched.';
    }

    tools(card, buttons) {
      const box = el('span', {class: 'tools'});
      for (const b of buttons) box.append(b);
      card.h2.append(box);
    }

    buildOverview() {
      const card = this.cards.overview;
      this.overviewBody = el('div');
      card.append(this.overviewBody);
      const m = this.model;
      if (m.spec_problem && m.sweep.spec_text)
        card.append(el('p', {class: 'note', text: 'The stored spec could not be parsed (' + m.spec_problem + '); parameter axes come from the trials.'}));
      this.bestBlock = el('div');
      card.append(this.bestBlock);
      card.append(el('details', null, el('summary', {text: 'Sweep spec'}), el('pre', {text: m.sweep.spec_text})));
    }

    renderOverview() {
      const m = this.model, rows = [...this.trials.values()];
      const counts = {};
      for (const row of rows) counts[row.state] = (counts[row.state] || 0) + 1;
      const best = this.bestRow();
      const tile = (label, value, detail) => el('div', {class: 'tile'}, el('div', {class: 'label', text: label}),
        el('div', {class: 'value', text: value}), detail ? el('div', {class: 'detail', text: detail}) : null);
      let compute = 0, first = Infinity, last = -Infinity;
      for (const row of rows) {
        if (row.duration !== null) compute += row.duration;
        first = Math.min(first, row.started_at);
        last = Math.max(last, row.duration !== null ? row.started_at + row.duration : row.activity);
      }
      const metric = m.metric || 'metric';
      const tiles = el('div', {class: 'tiles'},
        tile('trials', String(rows.length), rows.length === 0 ? 'no data yet' : ''),
        best ? tile('best ' + metric, fmt(best.best), 'trial ' + best.number + ', ' + (m.maximize ? 'maximize' : 'minimize'))
             : tile('best ' + metric, '–', 'no data yet'),
        tile('compute time', rows.length ? duration(Math.max(compute, m.compute_seconds)) : '–', 'sum of trial durations'),
        tile('wall time', rows.length ? duration(last - first) : '–', 'first start to last end'));
      const chips = el('div', {class: 'chips', id: 'state-chips'});
      for (const state of STATE_ORDER) if (counts[state]) chips.append(el('span', {class: 'state ' + state, text: state + ' ' + counts[state]}));
      this.overviewBody.replaceChildren(tiles, chips);
      this.subtitle.replaceChildren(...[
        this.live ? el('span', null, el('i', {class: 'live' + (this.liveOk ? ' on' : ''), title: 'live updates'}), this.liveOk ? 'live' : 'connecting') : null,
        el('span', {text: 'method ' + m.sweep.method}),
        m.metric ? el('span', {text: 'metric ' + m.metric + ' (' + (m.maximize ? 'maximize' : 'minimize') + ')'}) : null,
        el('span', {text: this.sweepState || m.sweep.state}),
        el('span', {text: 'created ' + utc(m.sweep.created_at)})].filter(Boolean));
      // The best trial's command line and parameters come with the model (refreshed every few seconds).
      const b = m.best;
      if (b) {
        const table = el('table', {class: 'pairs'});
        for (const [name, value] of b.params) table.append(el('tr', null, el('td', {text: name}), el('td', {class: 'mono', text: value})));
        this.bestBlock.replaceChildren(el('h3', {text: 'Best trial: #' + b.number + ' (' + b.state + ')'}),
          el('p', {class: 'note', text: 'Ready to run: the trial\'s command line as the sweep launched it.'}),
          el('pre', {class: 'cmd', id: 'best-command', text: b.command_line}), table);
      } else {
        this.bestBlock.replaceChildren(el('p', {class: 'empty', text: m.metric ? 'No trial has reported ' + m.metric + ' yet: no data yet.' : 'The sweep has no metric, so no best trial.'}));
      }
    }

    // ----- optimization history -----
    buildHistory() {
      const card = this.cards.history, m = this.model;
      if (!m.metric) { card.append(el('p', {class: 'empty', text: 'The sweep has no metric: pass --metric NAME to plot one.'})); return; }
      this.rangeButton = el('button', {id: 'range-toggle', title: 'y axis and colours: the range holding most trials, or every trial',
                                       onclick: () => { this.fullRange = !this.fullRange; this.historyChart.view = null; this.redraw(); }});
      this.tools(card, [this.rangeButton, el('button', {text: 'reset zoom', onclick: () => { this.historyChart.view = null; this.redraw(); }})]);
      card.append(el('p', {class: 'note', text: 'Each trial\'s best ' + m.metric + ' by trial number, coloured by state; the line is the best so far. ' +
        'Wheel to zoom (shift: x only, alt: y only), drag to pan, double-click to reset, click a point to open its trial. ' +
        'Points outside the range are drawn as triangles at its edge.'}));
      this.historyEmpty = el('p', {class: 'empty', text: 'No trial has reported ' + m.metric + ' yet: no data yet.'});
      card.append(this.historyEmpty);
      this.historyChart = new ZoomChart(card, {label: 'optimization history', draw: () => this.drawHistory(), hover: (x, y, w) => this.historyHit(x, y, w, true),
                                              click: (x, y, w) => { const n = this.historyHit(x, y, w, false); if (n) this.openTrial(n); }});
    }

    historyHit(px, py, w, asText) {
      let best = null, bestD = 64;
      for (const row of this.trials.values()) {
        if (row.best === null) continue;
        const d = (this.historyChart.sx(row.number, w) - px) ** 2 + (this.clampY(this.historyChart, row.best) - py) ** 2;
        if (d < bestD) { bestD = d; best = row; }
      }
      if (!best) return null;
      return asText ? this.describe(best) : best.number;
    }

    describe(row) {
      const params = Object.entries(row.params).map(([k, v]) => k + '=' + v).join('  ');
      return 'trial ' + row.number + ' (' + row.state + ')  ' + (this.model.metric || '') + ' ' + fmt(row.best) + '\n' + params;
    }

    clampY(chart, y) {
      const top = chart.margin.t, bottom = chart.height - chart.margin.b;
      return Math.max(top, Math.min(bottom, chart.sy(y)));
    }

    metricRanges() { return this.cached('metric', '', () => ranges([...this.trials.values()].map((row) => row.best))); }

    drawHistory() {
      const chart = this.historyChart;
      if (!chart) return;
      const rows = [...this.trials.values()].sort((a, b) => a.number - b.number);
      const r = this.metricRanges();
      this.historyEmpty.hidden = !!r;
      chart.wrap.hidden = !r;
      this.rangeButton.textContent = this.fullRange ? 'full range' : 'robust range';
      this.rangeButton.classList.toggle('on', !this.fullRange);
      if (!r) return;
      const yr = padded(this.fullRange ? r.full : r.robust);
      const maxN = rows.length ? rows[rows.length - 1].number : 1;
      chart.setHome([0.5, Math.max(1.5, maxN + 0.5)], yr);
      const {ctx, width: w} = chart.size();
      ctx.clearRect(0, 0, w, chart.height);
      chart.axes(ctx, w, 'trial', this.model.metric);
      chart.clip(ctx, w);
      // Best so far.
      ctx.strokeStyle = '#1f2933'; ctx.lineWidth = 1.5; ctx.beginPath();
      let bestSoFar = null;
      for (const row of rows) {
        if (row.best === null) continue;
        const x = chart.sx(row.number, w);
        if (bestSoFar === null) {
          bestSoFar = row.best;
          ctx.moveTo(x, chart.sy(bestSoFar));
        } else if (this.model.maximize ? row.best > bestSoFar : row.best < bestSoFar) {
          ctx.lineTo(x, chart.sy(bestSoFar));  // a step: flat until this trial improved on it
          bestSoFar = row.best;
          ctx.lineTo(x, chart.sy(bestSoFar));
        }
      }
      if (bestSoFar !== null) ctx.lineTo(chart.sx(maxN + 0.5, w), chart.sy(bestSoFar));
      ctx.stroke();
      const filtered = this.filtered;
      const top = chart.margin.t, bottom = chart.height - chart.margin.b;
      for (const row of rows) {
        if (row.best === null) continue;
        const x = chart.sx(row.number, w), raw = chart.sy(row.best), y = Math.max(top, Math.min(bottom, raw));
        const dim = filtered && !filtered.has(row.number);
        ctx.globalAlpha = dim ? 0.15 : 0.9;
        ctx.fillStyle = STATE_COLORS[row.state] || '#7b8794';
        ctx.beginPath();
        if (raw > bottom + 0.5 || raw < top - 0.5) {  // outside the range: a triangle pointing out
          const dir = raw > bottom ? 1 : -1;
          ctx.moveTo(x - 4, y - dir * 5); ctx.lineTo(x + 4, y - dir * 5); ctx.lineTo(x, y);
        } else {
          ctx.arc(x, y, this.selected.has(row.number) || this.opened === row.number ? 5 : 3.2, 0, Math.PI * 2);
        }
        ctx.fill();
        if (this.selected.has(row.number) || this.opened === row.number) { ctx.strokeStyle = '#1f2933'; ctx.lineWidth = 1.5; ctx.stroke(); }
      }
      ctx.globalAlpha = 1;
      ctx.restore();
    }

    // ----- learning curves -----
    buildCurves() {
      const card = this.cards.curves, m = this.model;
      if (!m.metric) { card.append(el('p', {class: 'empty', text: 'The sweep has no metric: pass --metric NAME to plot one.'})); return; }
      this.curveRangeButton = el('button', {onclick: () => { this.fullCurveRange = !this.fullCurveRange; this.curvesChart.view = null; this.redraw(); }});
      this.tools(card, [this.curveRangeButton, el('button', {text: 'clear selection', id: 'clear-selection', onclick: () => { this.selected.clear(); this.redraw(); this.syncChecks(); }}),
                        el('button', {text: 'reset zoom', onclick: () => { this.curvesChart.view = null; this.redraw(); }})]);
      card.append(el('p', {class: 'note', text: m.metric + ' by epoch (step) for every trial; the best trial is drawn thick. ' +
        'Tick trials in the table (or click curves) to overlay and compare them in colour. Brushed-out trials fade.'}));
      this.curvesEmpty = el('p', {class: 'empty', text: 'No trial has reported ' + m.metric + ' yet: no data yet.'});
      card.append(this.curvesEmpty);
      this.curvesChart = new ZoomChart(card, {label: 'learning curves', height: 340, draw: () => this.drawCurves(), hover: (x, y, w) => this.curveHit(x, y, w, true),
                                             click: (x, y, w) => { const n = this.curveHit(x, y, w, false); if (n) this.toggleSelected(n); }});
      this.legend = el('div', {class: 'legend', id: 'compare-legend'});
      card.append(this.legend);
    }

    curveHit(px, py, w, asText) {
      const chart = this.curvesChart;
      const step = chart.ix(px, w);
      let best = null, bestD = 36;
      for (const [number, c] of this.curves) {
        if (this.filtered && !this.filtered.has(number)) continue;
        // The point of the curve nearest to the pointer's step.
        let lo = 0, hi = c.steps.length - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (c.steps[mid] < step) lo = mid + 1; else hi = mid; }
        for (const i of [lo - 1, lo]) {
          if (i < 0 || i >= c.steps.length || c.values[i] === null) continue;
          const d = (chart.sx(c.steps[i], w) - px) ** 2 + (chart.sy(c.values[i]) - py) ** 2;
          if (d < bestD) { bestD = d; best = {number, i}; }
        }
      }
      if (!best) return null;
      if (!asText) return best.number;
      const c = this.curves.get(best.number), row = this.trials.get(best.number);
      return 'trial ' + best.number + '  step ' + c.steps[best.i] + '  ' + this.model.metric + ' ' + fmt(c.values[best.i]) +
        (row ? '\n' + Object.entries(row.params).map(([k, v]) => k + '=' + v).join('  ') : '');
    }

    drawCurves() {
      const chart = this.curvesChart;
      if (!chart) return;
      const {r, minStep, maxStep} = this.cached('curves', '', () => {
        const all = [];
        let maxStep = 1, minStep = Infinity;
        for (const c of this.curves.values()) {
          for (let i = 0; i < c.values.length; ++i) if (c.values[i] !== null) all.push(c.values[i]);
          if (c.steps.length) { maxStep = Math.max(maxStep, c.steps[c.steps.length - 1]); minStep = Math.min(minStep, c.steps[0]); }
        }
        return {r: ranges(all), minStep, maxStep};
      });
      this.curvesEmpty.hidden = !!r;
      chart.wrap.hidden = !r;
      this.curveRangeButton.textContent = this.fullCurveRange ? 'full range' : 'robust range';
      this.curveRangeButton.classList.toggle('on', !this.fullCurveRange);
      if (!r) return;
      chart.setHome([Math.min(minStep, 1), Math.max(maxStep, 2)], padded(this.fullCurveRange ? r.full : r.robust));
      const {ctx, width: w} = chart.size();
      ctx.clearRect(0, 0, w, chart.height);
      chart.axes(ctx, w, 'epoch (step)', this.model.metric);
      chart.clip(ctx, w);
      const best = this.bestRow();
      const path = (c) => {
        let pen = false;
        for (let i = 0; i < c.steps.length; ++i) {
          if (c.values[i] === null) { pen = false; continue; }
          const x = chart.sx(c.steps[i], w), y = chart.sy(c.values[i]);
          if (pen) ctx.lineTo(x, y); else { ctx.moveTo(x, y); pen = true; }
        }
      };
      // Two batched opaque paths, faded curves under the kept ones: at 2,000 curves this measured about
      // twice as fast as a path per curve.
      const filtered = this.filtered;
      ctx.lineWidth = 1;
      for (const [faded, style] of [[true, '#e4e7eb'], [false, '#9db8e6']]) {
        ctx.beginPath();
        for (const [number, c] of this.curves) {
          const isFaded = filtered ? !filtered.has(number) : false;
          if (isFaded !== faded || this.selected.has(number)) continue;
          path(c);
        }
        ctx.strokeStyle = style; ctx.stroke();
      }
      if (best && this.curves.has(best.number) && !this.selected.has(best.number)) {
        ctx.beginPath(); path(this.curves.get(best.number)); ctx.strokeStyle = '#1f2933'; ctx.lineWidth = 2.5; ctx.stroke();
      }
      const legend = [];
      [...this.selected].sort((a, b) => a - b).forEach((number, k) => {
        const c = this.curves.get(number);
        const color = PALETTE[k % PALETTE.length];
        legend.push([number, color]);
        if (!c) return;
        ctx.beginPath(); path(c); ctx.strokeStyle = color; ctx.lineWidth = 2.2; ctx.stroke();
      });
      ctx.restore();
      this.legend.replaceChildren(...legend.map(([number, color]) => {
        const row = this.trials.get(number);
        const i = el('i'); i.style.background = color;
        return el('span', {class: 'legend-item'}, i, 'trial ' + number + (row ? ' (' + row.state + ', best ' + fmt(row.best) + ')' : ''));
      }));
    }

    toggleSelected(number) {
      if (this.selected.has(number)) this.selected.delete(number); else this.selected.add(number);
      this.syncChecks();
      this.redraw();
    }

    // ----- parallel coordinates with brushing -----
    buildParallel() {
      const card = this.cards.parallel, m = this.model;
      const metric = m.metric || 'the metric';
      card.append(el('p', {class: 'note', text: 'One line per trial through its parameter values, coloured by ' + metric +
        '. Drag along an axis to brush it: the table and the other charts keep only the trials inside every brush; click an axis to clear its brush.'}));
      this.tools(card, [el('button', {text: 'clear brushes', id: 'clear-brushes', onclick: () => { this.brushes.clear(); this.applyFilter(); }})]);
      this.filterNote = el('p', {class: 'filter-note', id: 'filter-note'});
      if (!m.axes.length) { card.append(el('p', {class: 'empty', text: m.trials.length ? 'No parameter varies in this sweep.' : 'No trials yet: no data yet.'})); return; }
      this.pcEmpty = el('p', {class: 'empty', text: 'No trials yet: no data yet.'});
      card.append(this.pcEmpty);
      const canvas = el('canvas', {'aria-label': 'parallel coordinates', role: 'img', id: 'parallel-canvas'});
      this.pcTip = el('div', {class: 'tip'});
      this.pcWrap = el('div', {class: 'chart'}, canvas, this.pcTip);
      card.append(this.pcWrap, this.filterNote);
      this.pcWidth = watchWidth(this.pcWrap, (width) => { this.pcWidth = width; this.drawParallel(); });
      this.pc = {canvas, height: 360, margin: {l: 40, r: 80, t: 28, b: 34}};
      let drag = null;
      const axisAt = (px, w) => {
        const n = this.pcAxisCount(), xs = this.pcAxisX(w, n);
        let k = -1, bestD = 24;
        xs.forEach((x, i) => { if (Math.abs(x - px) < bestD) { bestD = Math.abs(x - px); k = i; } });
        return k;
      };
      const toUnit = (py) => 1 - (py - this.pc.margin.t) / (this.pc.height - this.pc.margin.t - this.pc.margin.b);
      canvas.addEventListener('pointerdown', (e) => {
        const rect = canvas.getBoundingClientRect();
        const k = axisAt(e.clientX - rect.left, rect.width);
        if (k < 0) return;
        canvas.setPointerCapture(e.pointerId);
        drag = {k, start: toUnit(e.clientY - rect.top), moved: false};
      });
      canvas.addEventListener('pointermove', (e) => {
        const rect = canvas.getBoundingClientRect();
        if (!drag) {
          const k = axisAt(e.clientX - rect.left, rect.width);
          canvas.style.cursor = k >= 0 ? 'ns-resize' : 'default';
          return;
        }
        const now = Math.max(0, Math.min(1, toUnit(e.clientY - rect.top)));
        if (Math.abs(now - drag.start) > 0.01) drag.moved = true;
        if (!drag.moved) return;
        this.brushes.set(drag.k, [Math.min(drag.start, now), Math.max(drag.start, now)]);
        if (!this.brushFrame) this.brushFrame = requestAnimationFrame(() => { this.brushFrame = 0; this.applyFilter(true); });
      });
      canvas.addEventListener('pointerup', () => {
        if (drag && !drag.moved) this.brushes.delete(drag.k);
        if (drag) this.applyFilter();
        drag = null;
      });
    }

    pcAxisCount() { return this.model.axes.length + (this.model.metric ? 1 : 0); }
    pcAxisX(w, n) {
      const m = this.pc.margin, span = w - m.l - m.r;
      return Array.from({length: n}, (_, i) => m.l + (n === 1 ? span / 2 : span * i / (n - 1)));
    }

    // Each axis maps a trial's value to 0..1 (bottom..top): categorical by label index, log axes by log10,
    // the metric axis by the history's range (robust by default), clamped.
    pcScales() { return this.cached('scales', this.fullRange, () => this.computeScales()); }
    computeScales() {
      const axes = this.model.axes, rows = [...this.trials.values()];
      const scales = axes.map((axis, a) => {
        if (axis.categorical) {
          const n = axis.labels.length;
          return {axis, map: (v) => (v === null ? null : n === 1 ? 0.5 : v / (n - 1)), labels: axis.labels};
        }
        const vals = rows.map((r) => r.axes[a]).filter((v) => v !== null && isFinite(v) && (!axis.log || v > 0));
        const f = axis.log ? Math.log10 : (x) => x;
        let lo = Math.min(...vals.map(f)), hi = Math.max(...vals.map(f));
        if (!vals.length) { lo = 0; hi = 1; }
        if (hi === lo) { lo -= 0.5; hi += 0.5; }
        return {axis, lo, hi, map: (v) => (v === null || (axis.log && v <= 0) ? null : (f(v) - lo) / (hi - lo))};
      });
      if (this.model.metric) {
        const r = this.metricRanges();
        const [lo, hi] = r ? (this.fullRange ? r.full : r.robust) : [0, 1];
        const span = hi - lo || 1;
        scales.push({axis: {name: this.model.metric, metric: true}, lo, hi,
                     map: (v) => (v === null ? null : Math.max(0, Math.min(1, (v - lo) / span)))});
      }
      return scales;
    }

    trialUnits(row, scales) {
      return scales.map((s, a) => s.map(s.axis.metric ? row.best : row.axes[a] === undefined ? null : row.axes[a]));
    }

    computeFilter() {
      if (this.brushes.size === 0) { this.filtered = null; return; }
      const scales = this.pcScales();
      const keep = new Set();
      for (const row of this.trials.values()) {
        const units = this.trialUnits(row, scales);
        let inside = true;
        for (const [k, [lo, hi]] of this.brushes) {
          const u = units[k];
          if (u === null || u < lo - 1e-9 || u > hi + 1e-9) { inside = false; break; }
        }
        if (inside) keep.add(row.number);
      }
      this.filtered = keep;
    }

    drawParallel() {
      if (!this.pc) return;
      const rows = [...this.trials.values()];
      this.pcEmpty.hidden = rows.length > 0;
      this.pcWrap.hidden = rows.length === 0;
      if (!rows.length) return;
      const canvas = this.pc.canvas, h = this.pc.height, m = this.pc.margin;
      const w = Math.max(300, this.pcWidth || 800), ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
        canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio); canvas.style.height = h + 'px';
      }
      const ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const scales = this.pcScales(), n = scales.length, xs = this.pcAxisX(w, n);
      const yOf = (u) => m.t + (1 - u) * (h - m.t - m.b);
      const filtered = this.filtered;
      // Lines batched by colour bucket: 2,000 trials stay a few dozen strokes.
      const buckets = new Map();
      const faded = [];
      const metricScale = this.model.metric ? scales[n - 1] : null;
      for (const row of rows) {
        const units = this.trialUnits(row, scales);
        if (filtered && !filtered.has(row.number)) { faded.push(units); continue; }
        const color = metricScale && row.best !== null ? rampColor(metricScale.map(row.best)) : '#9aa5b1';
        if (!buckets.has(color)) buckets.set(color, []);
        buckets.get(color).push(units);
      }
      const line = (units) => {
        let pen = false;
        units.forEach((u, i) => {
          if (u === null) { pen = false; return; }
          if (pen) ctx.lineTo(xs[i], yOf(u)); else { ctx.moveTo(xs[i], yOf(u)); pen = true; }
        });
      };
      // One short path per line, opaque: a single path of 2,000 crossing lines with alpha makes the
      // rasteriser resolve every overlap, which measured 10-20x slower.
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#e4e7eb';
      for (const units of faded) { ctx.beginPath(); line(units); ctx.stroke(); }
      for (const [color, lines] of buckets) {
        ctx.strokeStyle = color;
        for (const units of lines) { ctx.beginPath(); line(units); ctx.stroke(); }
      }
      for (const number of [...this.selected, ...(this.opened ? [this.opened] : [])]) {
        const row = this.trials.get(number);
        if (!row) continue;
        ctx.beginPath(); line(this.trialUnits(row, scales)); ctx.strokeStyle = '#1f2933'; ctx.lineWidth = 2.5; ctx.stroke();
      }
      // Axes, their labels and the brushes.
      ctx.font = '11px system-ui, sans-serif';
      scales.forEach((s, i) => {
        const x = xs[i];
        ctx.strokeStyle = '#52606d'; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(x, yOf(0)); ctx.lineTo(x, yOf(1)); ctx.stroke();
        ctx.fillStyle = '#1f2933'; ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
        ctx.fillText(s.axis.name + (s.axis.log ? ' (log)' : ''), x, m.t - 8);
        ctx.fillStyle = '#616e7c'; ctx.textBaseline = 'middle';
        ctx.textAlign = i === n - 1 ? 'left' : 'right';
        const dx = i === n - 1 ? 6 : -6;
        if (s.labels) {
          s.labels.forEach((label, k) => ctx.fillText(label, x + dx, yOf(s.map(k))));
        } else {
          const f = s.axis.log ? (u) => Math.pow(10, u) : (u) => u;
          for (const t of ticks(s.lo, s.hi, 5)) ctx.fillText(fmt(f(t)), x + dx, yOf((t - s.lo) / (s.hi - s.lo)));
        }
        const brush = this.brushes.get(i);
        if (brush) {
          ctx.fillStyle = 'rgba(47,111,214,0.18)'; ctx.strokeStyle = '#2f6fd6';
          ctx.fillRect(x - 8, yOf(brush[1]), 16, yOf(brush[0]) - yOf(brush[1]));
          ctx.strokeRect(x - 8, yOf(brush[1]), 16, yOf(brush[0]) - yOf(brush[1]));
        }
      });
      const shown = filtered ? filtered.size : rows.length;
      this.filterNote.replaceChildren(this.brushes.size ? el('b', {text: shown + ' of ' + rows.length + ' trials'}) : rows.length + ' trials',
        this.brushes.size ? ' inside the brushes' : '', metricScale ? '; colour: ' + this.model.metric + ' from ' + fmt(metricScale.lo) + ' to ' + fmt(metricScale.hi) +
        (this.fullRange ? ' (full range)' : ' (robust range; the history\'s button switches)') : '');
    }

    // While a brush is being dragged (moving), the learning curves (the costliest chart: 100,000 points
    // at 2,000 trials) are redrawn once the brush rests for a moment; everything else follows each frame.
    applyFilter(moving) {
      const t = [performance.now()];
      this.computeFilter(); t.push(performance.now());
      this.filterTable(); t.push(performance.now());
      this.drawParallel(); t.push(performance.now());
      this.drawHistory(); t.push(performance.now());
      clearTimeout(this.curvesTimer);
      if (moving) {
        this.curvesTimer = setTimeout(() => this.drawCurves(), 150);
      } else {
        this.drawCurves();
      }
      t.push(performance.now());
      this.lastBrushMs = t[5] - t[0];
      this.lastBrushParts = {filter: t[1] - t[0], table: t[2] - t[1], parallel: t[3] - t[2], history: t[4] - t[3], curves: t[5] - t[4]};
    }

    // ----- importance, test set, samples -----
    buildImportance() {
      this.importanceBody = el('div');
      this.cards.importance.append(this.importanceBody);
    }
    renderImportance() {
      const imp = this.model.importance;
      const note = el('p', {class: 'note', text: 'Method: first-order variance decomposition (fANOVA main effects) of a Matern-5/2 GP fitted to the trials' +
        (imp.trials > 0 ? '; ' + imp.trials + ' finished trial' + (imp.trials === 1 ? '' : 's') : '') + (this.live ? '; refreshed with the model every few seconds.' : '.')});
      if (!imp.bars.length) {
        this.importanceBody.replaceChildren(note, el('p', {class: 'empty', text: 'Not computed: ' + (imp.not_computed || 'no parameter varies') + '.'}));
        return;
      }
      const bars = el('div', {class: 'bars'});
      for (const bar of imp.bars) {
        const fill = el('div', {class: 'bar'}); fill.style.width = Math.max(0.2, bar.importance * 100) + '%';
        bars.append(el('span', {class: 'mono', text: bar.parameter}), el('div', null, fill), el('span', {text: (bar.importance * 100).toFixed(1) + '%'}));
      }
      this.importanceBody.replaceChildren(note, bars);
    }

    buildTest() {
      this.testBody = el('div');
      this.cards.test.append(this.testBody);
      this.cards.test.h2.textContent = 'Test set: confusion matrix of the best trial';
    }
    renderTest() {
      const m = this.model, t = m.test, body = [];
      if (t && (t.accuracy !== null || t.loss !== null)) {
        const tiles = el('div', {class: 'tiles'});
        if (t.accuracy !== null) tiles.append(el('div', {class: 'tile'}, el('div', {class: 'label', text: 'test accuracy'}), el('div', {class: 'value', text: fmt(t.accuracy)})));
        if (t.loss !== null) tiles.append(el('div', {class: 'tile'}, el('div', {class: 'label', text: 'test loss'}), el('div', {class: 'value', text: fmt(t.loss)})));
        body.push(tiles);
      }
      if (t && t.retrained && t.retrain_command) {
        body.push(el('p', {class: 'note', text: 'Retrained by `sweep best --retrain --test`' + (t.retrain_seconds !== null ? ' in ' + duration(t.retrain_seconds) : '') +
          (t.retrain_exit ? ' (' + t.retrain_exit + ')' : '') + ':'}), el('pre', {class: 'cmd', text: t.retrain_command}));
      }
      if (t && t.confusion.length) {
        body.push(el('p', {class: 'note', text: 'Trial #' + m.best.number + (t.retrained ? ', retrained' : ', from its own --test run') +
          '. Rows are the true classes, columns the predicted ones (' + m.dataset + ').'}), confusionTable(t.confusion, m.class_names));
      } else if (m.best) {
        body.push(el('p', {class: 'empty', text: 'No test-set confusion matrix is stored for trial #' + m.best.number +
          '. Run `sweep best --retrain --test` to retrain the best configuration and store one, or run the trials with --test.'}));
      } else {
        body.push(el('p', {class: 'empty', text: 'No best trial yet: no data yet.'}));
      }
      this.testBody.replaceChildren(...body);
    }

    buildSamples() {
      const s = this.model.samples, grid = el('div', {class: 'samples'});
      s.by_class.forEach((images, c) => {
        grid.append(el('span', {text: this.model.class_names[c] || String(c)}),
          el('span', null, ...images.map((uri) => el('img', {src: uri, alt: this.model.class_names[c] || String(c), width: s.width, height: s.height}))));
      });
      this.cards.samples.append(el('p', {class: 'note', text: 'The first test images of each class of ' + this.model.dataset + '.'}), grid);
    }

    // ----- the trials table: virtual -----
    // Only the rows in view (and a few around them) are in the DOM, between two spacer rows that keep
    // the scroll height: at 2,000 trials the table's 25,000 cells used to be built, sorted and hidden
    // on every brush. Rows have one fixed height (style.css), so a row's place is its index times it.
    buildTable() {
      const card = this.cards.trials;
      card.append(el('p', {class: 'note', text: 'The latest attempt of each trial. Click a header to sort, a row to open the trial, a box to compare its curves.'}));
      this.tableEmpty = el('p', {class: 'empty', text: 'No trials yet: no data yet.'});
      this.table = el('table', {class: 'trials sortable', id: 'trials-table'});
      this.tbody = el('tbody');
      this.rowEls = new Map();       // trial number -> its row element, for the rows in the DOM only
      this.rowCache = new Map();     // trial number -> its row element, the last ROW_CACHE built (a moving brush reuses them)
      this.order = [];               // the trial numbers the table lists, filtered and sorted
      this.sort = {column: null, ascending: true};
      this.rowHeight = ROW_PX;       // checked against a drawn row once
      this.tableWrap = el('div', {class: 'table-wrap'}, this.table);
      this.tableScroll = 0;          // kept from scroll events: reading scrollTop while drawing forces a layout
      this.tableView = TABLE_VIEW_PX;
      this.tableWrap.addEventListener('scroll', () => {
        this.tableScroll = this.tableWrap.scrollTop;
        if (!this.rowsFrame) this.rowsFrame = requestAnimationFrame(() => { this.rowsFrame = 0; this.renderRows(); });
      }, {passive: true});
      new ResizeObserver((entries) => {
        const height = Math.round(entries[entries.length - 1].contentRect.height);
        if (height > 0 && height !== this.tableView) { this.tableView = height; this.renderRows(); }
      }).observe(this.tableWrap);
      // Off screen, the rows wait: a brush on the charts above then costs the table nothing (no rows
      // built, no layout), and they are drawn when it comes near the screen.
      this.tableInView = true;
      new IntersectionObserver((entries) => {
        this.tableInView = entries[entries.length - 1].isIntersecting;
        if (this.tableInView && this.rowsStale) this.renderRows();
      }, {rootMargin: '300px 0px'}).observe(this.tableWrap);
      card.append(this.tableEmpty, this.tableWrap);
      this.buildHead();
    }

    buildHead() {
      const metric = this.model.metric || 'metric';
      const heads = ['compare', '#', 'state', 'best ' + metric, 'last ' + metric, 'duration', ...this.columns];
      const tr = el('tr');
      heads.forEach((name, k) => {
        const th = el('th', {text: k === 0 ? '' : name, title: k === 0 ? 'compare' : null, tabindex: k === 0 ? null : '0'});
        if (k > 0) {
          const sort = () => {
            this.sort = {column: k, ascending: this.sort.column === k ? !this.sort.ascending : true};
            this.sortTable();
          };
          th.addEventListener('click', sort);
          th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
        }
        tr.append(th);
      });
      const spacer = () => el('tr', {class: 'spacer', 'aria-hidden': 'true'}, el('td', {colspan: String(heads.length)}));
      this.above = spacer();
      this.below = spacer();
      this.table.replaceChildren(el('thead', null, tr), this.tbody);
      this.headCount = heads.length;
      this.rowEls.clear();
      this.rowCache.clear();
      this.markSort();
    }

    rowCells(row) {
      // data-sort: the value a cell sorts by (sortKey), for readers of the table such as the browser tests.
      const state = el('td', {'data-sort': row.state}, el('span', {class: 'state ' + row.state, text: row.state}));
      if (row.exit_code !== null && row.exit_code !== 0 && (row.state === 'failed' || row.state === 'diverged'))
        state.append(' ', el('span', {class: 'mono', text: 'exit ' + row.exit_code}));
      const num = (value, text) => el('td', {class: 'num', 'data-sort': value === null ? '' : String(value), text});
      const check = el('input', {type: 'checkbox', 'aria-label': 'compare trial ' + row.number});
      check.checked = this.selected.has(row.number);
      check.addEventListener('click', (e) => { e.stopPropagation(); this.toggleSelected(row.number); });
      const first = num(row.number, String(row.number));
      if (row.attempts > 1) first.append(' ', el('span', {class: 'note', text: '(' + row.attempts + ' attempts)'}));
      return [el('td', null, check), first, state, num(row.best, fmt(row.best)), num(row.last, fmt(row.last)),
              num(row.duration, duration(row.duration)),
              ...this.columns.map((c) => el('td', {class: 'mono', text: row.params[c] === undefined ? '' : row.params[c]}))];
    }

    // The row element of a trial, built again only when its row changed (an update replaces the object).
    rowElement(row) {
      let tr = this.rowCache.get(row.number);
      if (!tr) {
        tr = el('tr', {'data-trial': String(row.number)});
        tr.addEventListener('click', () => this.openTrial(row.number));
        this.rowCache.set(row.number, tr);
      }
      if (tr.row !== row) {
        tr.replaceChildren(...this.rowCells(row));
        tr.row = row;
      }
      return tr;
    }

    renderTable() {
      for (const c of Object.keys(Object.assign({}, ...[...this.trials.values()].map((r) => r.params)))) {
        if (!this.columns.includes(c)) { this.columns.push(c); this.columns.sort(); this.buildHead(); }
      }
      this.tableEmpty.hidden = this.trials.size > 0;
      this.tableWrap.hidden = this.trials.size === 0;
      this.filterTable();
    }

    // The value a column sorts by: numbers numerically, text by its natural order, empty cells last.
    sortKey(row, k) {
      if (k === 1) return row.number;
      if (k === 2) return row.state;
      if (k === 3) return row.best;
      if (k === 4) return row.last;
      if (k === 5) return row.duration;
      const text = row.params[this.columns[k - 6]];
      if (text === undefined || text === '') return null;
      const number = Number(text);
      return isNaN(number) ? text : number;
    }

    // Every trial in the table's order, recomputed when the data or the sort changes (not per brush).
    sortedNumbers() {
      const k = this.sort.column, dir = this.sort.ascending ? 1 : -1;
      return this.cached('sorted', k + ':' + dir + ':' + this.columns.length, () => {
        const rows = [...this.trials.values()].sort((a, b) => a.number - b.number);
        if (k !== null) {
          const keys = new Map(rows.map((row) => [row.number, this.sortKey(row, k)]));
          rows.sort((a, b) => {
            const x = keys.get(a.number), y = keys.get(b.number);
            const xEmpty = x === null || x === undefined, yEmpty = y === null || y === undefined;
            if (xEmpty || yEmpty) return xEmpty === yEmpty ? 0 : xEmpty ? 1 : -1;
            if (typeof x === 'number' && typeof y === 'number') return dir * (x - y);
            return dir * String(x).localeCompare(String(y), undefined, {numeric: true});
          });
        }
        return rows.map((row) => row.number);
      });
    }

    // The brush keeps only the trials inside it: the table lists those.
    filterTable() {
      const filtered = this.filtered, sorted = this.sortedNumbers();
      this.order = filtered ? sorted.filter((number) => filtered.has(number)) : sorted;
      this.renderRows();
    }

    // The rows in view, ROWS_AROUND more on each side, between spacers as tall as the rows left out.
    renderRows() {
      if (!this.tbody) return;
      this.rowsStale = !this.tableInView;
      if (this.rowsStale) return;
      const n = this.order.length, h = this.rowHeight;
      const top = Math.min(this.tableScroll, Math.max(0, n * h - this.tableView));
      const first = Math.max(0, Math.floor(top / h) - ROWS_AROUND);
      const last = Math.min(n, Math.ceil((top + this.tableView) / h) + ROWS_AROUND);
      const rows = [];
      this.rowEls = new Map();
      for (let i = first; i < last; ++i) {
        const row = this.trials.get(this.order[i]);
        if (!row) continue;
        const tr = this.rowElement(row);
        this.rowEls.set(row.number, tr);
        rows.push(tr);
      }
      for (const number of this.rowCache.keys()) {
        if (this.rowCache.size <= ROW_CACHE) break;
        if (!this.rowEls.has(number)) this.rowCache.delete(number);
      }
      const pad = (spacer, rowsLeftOut) => {
        spacer.hidden = rowsLeftOut === 0;
        spacer.firstChild.style.height = rowsLeftOut * h + 'px';
      };
      pad(this.above, first);
      pad(this.below, n - last);
      this.tbody.replaceChildren(this.above, ...rows, this.below);
      this.markRows();
      this.syncChecks();  // a row from the cache may have been built before a selection changed
      if (!this.rowHeightChecked && rows.length) this.checkRowHeight(rows[0]);
    }

    // Once, after a row is drawn: the fixed height from style.css is what the browser made of it (a
    // zoomed or restyled page may differ); if not, the spacers follow the real height.
    checkRowHeight(tr) {
      this.rowHeightChecked = true;
      requestAnimationFrame(() => {
        const height = tr.getBoundingClientRect().height;
        if (height > 0 && Math.abs(height - this.rowHeight) > 0.5) { this.rowHeight = height; this.renderRows(); }
      });
    }

    markRows() {
      const best = this.bestRow();
      for (const [number, tr] of this.rowEls) {
        tr.classList.toggle('best', !!best && best.number === number);
        tr.classList.toggle('open', this.opened === number);
      }
    }

    syncChecks() {
      for (const [number, tr] of this.rowEls) {
        const box = tr.querySelector('input[type=checkbox]');
        if (box) box.checked = this.selected.has(number);
      }
    }

    markSort() {
      const heads = [...this.table.tHead.rows[0].cells];
      heads.forEach((th, k) => {
        if (k === this.sort.column) th.setAttribute('aria-sort', this.sort.ascending ? 'ascending' : 'descending');
        else th.removeAttribute('aria-sort');
      });
    }

    sortTable() {
      this.markSort();
      this.filterTable();
    }

    // ----- one trial's details -----
    async openTrial(number) {
      this.opened = number;
      const card = this.cards.trial;
      card.hidden = false;
      const row = this.trials.get(number);
      card.h2.textContent = 'Trial #' + number;
      const body = el('div', {id: 'trial-details'});
      card.replaceChildren(card.h2, body);
      this.markRows();
      this.redraw();
      let detail = null;
      if (this.live) {
        try {
          const response = await fetch('/api/sweeps/' + this.live.id + '/trials/' + number);
          if (response.ok) detail = await response.json();
        } catch (error) { /* shown below as what the model has */ }
      }
      if (this.opened !== number) return;
      const table = el('table', {class: 'pairs'});
      const pair = (k, v) => table.append(el('tr', null, el('td', {text: k}), el('td', {class: 'mono', text: v})));
      const state = detail ? detail.state : row ? row.state : '';
      body.append(el('div', {class: 'chips'}, el('span', {class: 'state ' + state, text: state})));
      if (detail) {
        if (detail.cause !== null) pair('cause', typeof detail.cause === 'string' ? detail.cause : JSON.stringify(detail.cause));
        if (detail.exit_code !== null) pair('exit code', String(detail.exit_code));
        pair('attempt', String(detail.attempt));
        pair('started', utc(detail.started_at));
        if (detail.ended_at !== null) pair('duration', duration(detail.ended_at - detail.started_at));
        if (detail.host) pair('host', detail.host);
        for (const [k, v] of detail.params) pair(k, v);
      } else if (row) {
        pair('best ' + this.model.metric, fmt(row.best));
        pair('duration', duration(row.duration));
        for (const [k, v] of Object.entries(row.params)) pair(k, v);
      }
      const two = el('div', {class: 'two'}, el('div', null, el('h3', {text: 'Parameters and state'}), table));
      body.append(two);
      const chartBox = el('div', null, el('h3', {text: 'Curves'}));
      two.append(chartBox);
      const series = detail ? detail.series : (this.curves.has(number) ? {[this.model.metric]: this.curves.get(number).steps.flatMap((s, i) => [s, this.curves.get(number).values[i]])} : {});
      const names = Object.keys(series).filter((name) => series[name].some((v, i) => i % 2 === 1 && v !== null));
      if (names.length) {
        const pick = el('select', {'aria-label': 'metric'});
        for (const name of names) pick.append(el('option', {value: name, text: name}));
        pick.value = names.includes(this.model.metric) ? this.model.metric : names[0];
        chartBox.append(pick);
        const chart = new ZoomChart(chartBox, {height: 240, label: 'trial curves'});
        const draw = () => {
          const flat = series[pick.value], xs = [], ys = [];
          for (let i = 0; i < flat.length; i += 2) if (flat[i + 1] !== null) { xs.push(flat[i]); ys.push(flat[i + 1]); }
          const r = ranges(ys);
          if (!r) return;
          chart.setHome(padded([Math.min(...xs), Math.max(...xs)]), padded(r.full));
          const {ctx, width: w} = chart.size();
          ctx.clearRect(0, 0, w, chart.height);
          chart.axes(ctx, w, 'step', pick.value);
          chart.clip(ctx, w);
          ctx.beginPath();
          xs.forEach((x, i) => (i ? ctx.lineTo(chart.sx(x, w), chart.sy(ys[i])) : ctx.moveTo(chart.sx(x, w), chart.sy(ys[i]))));
          ctx.strokeStyle = '#2f6fd6'; ctx.lineWidth = 2; ctx.stroke();
          for (let i = 0; i < xs.length; ++i) { ctx.beginPath(); ctx.arc(chart.sx(xs[i], w), chart.sy(ys[i]), 2.5, 0, Math.PI * 2); ctx.fillStyle = '#2f6fd6'; ctx.fill(); }
          ctx.restore();
        };
        chart.draw = draw;
        pick.addEventListener('change', () => { chart.view = null; draw(); });
        requestAnimationFrame(draw);
      } else {
        chartBox.append(el('p', {class: 'empty', text: 'No metric points.'}));
      }
      if (detail && detail.summary && Array.isArray(detail.summary.test_confusion) && detail.summary.test_confusion.length) {
        body.append(el('h3', {text: 'Confusion matrix (test set)'}), confusionTable(detail.summary.test_confusion, this.model.class_names));
      }
      if (detail) {
        body.append(el('h3', {text: 'Log tail'}), el('pre', {class: 'log', id: 'trial-log', text: detail.log_tail || '(empty)'}));
      } else if (!this.live) {
        body.append(el('p', {class: 'note', text: 'Logs and the other metrics of a trial are shown by `sweep dashboard` and `sweep show ' + number + '`.'}));
      }
      card.scrollIntoView({block: 'start'});
    }

    // ----- drawing and live updates -----
    schedule() {
      if (this.dirty) return;
      this.dirty = true;
      requestAnimationFrame(() => { this.dirty = false; this.redraw(); });
    }

    redraw() {
      const t0 = performance.now();
      this.computeFilter();
      this.renderOverview();
      this.renderImportance();
      this.renderTest();
      this.renderTable();
      this.drawHistory();
      this.drawCurves();
      this.drawParallel();
      this.lastRedrawMs = performance.now() - t0;
      if (this.pending.length) {
        const at = (performance.timeOrigin + performance.now()) / 1000;
        for (const [trial, step] of this.pending) this.arrivals.push({trial, step, at});
        this.pending = [];
      }
      if (this.paintedAt === undefined) this.paintedAt = performance.now();  // since navigation start
    }

    mergeUpdates(update) {
      if (update.trials.length || update.points.length) this.version += 1;
      this.cursor = update.cursor;
      this.sweepState = update.sweep_state;
      for (const row of update.trials) {
        const old = this.trials.get(row.number);
        this.trials.set(row.number, row);
        if (old && old.id !== row.id) this.curves.delete(row.number);  // a retry starts its own curve
      }
      for (const p of update.points) {
        let c = this.curves.get(p.trial);
        if (!c || c.id !== p.id) { c = {id: p.id, steps: [], values: []}; this.curves.set(p.trial, c); }
        const last = c.steps.length ? c.steps[c.steps.length - 1] : -Infinity;
        for (let i = 0; i < p.points.length; i += 2) {
          if (p.points[i] <= last) continue;  // a repeat: the page has this step already
          c.steps.push(p.points[i]); c.values.push(p.points[i + 1]);
          this.pending.push([p.trial, p.points[i]]);
        }
      }
      if (this.arrivals.length > 100000) this.arrivals.splice(0, 50000);
      if (update.trials.length || update.points.length) this.schedule();
      else if (this.sweepState !== this.shownState) this.schedule();
      this.shownState = this.sweepState;
    }

    // The trials whose metric points the page has, with the last step it has (so only newer ones come):
    // the running ones and any that changed at the cursor's time.
    knownList() {
      const parts = [];
      for (const row of this.trials.values()) {
        if (row.state !== 'running' && row.activity < this.cursor) continue;
        const c = this.curves.get(row.number);
        parts.push(row.id + ':' + (c && c.id === row.id && c.steps.length ? c.steps[c.steps.length - 1] : -1));
      }
      return parts.join(',');
    }

    async poll() {
      const id = this.live.id;
      let lastModel = performance.now(), changed = false;
      for (;;) {
        const started = performance.now();
        try {
          const response = await fetch('/api/sweeps/' + id + '/updates?since=' + this.cursor + '&known=' + this.knownList());
          if (!response.ok) throw new Error('HTTP ' + response.status);
          const update = await response.json();
          if (!this.liveOk) { this.liveOk = true; this.schedule(); }
          if (update.reload) {
            await this.reloadModel();
            lastModel = performance.now();
          } else {
            this.mergeUpdates(update);
            changed = changed || update.trials.length > 0;
            if (changed && performance.now() - lastModel > MODEL_REFRESH_MS) {
              await this.reloadModel();
              lastModel = performance.now();
              changed = false;
            }
          }
        } catch (error) {
          if (this.liveOk) { this.liveOk = false; this.schedule(); }
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(50, POLL_MS - (performance.now() - started))));
      }
    }

    // A fresh model (importance, best command line, test results); what the page already merged is
    // in it too, so it simply replaces the page's data, keeping brushes, selection and zoom.
    async reloadModel() {
      const response = await fetch('/api/sweeps/' + this.live.id + '/model');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const model = await response.json();
      const columns = this.columns, cursor = this.cursor;
      // Points merged since the model was cut are kept: the model may be a few seconds old.
      const newer = this.curves;
      const newerTrials = this.trials;
      this.setModel(model);
      for (const [number, row] of newerTrials) {
        const mine = this.trials.get(number);
        if (!mine || row.activity > mine.activity) this.trials.set(number, row);
      }
      for (const [number, c] of newer) {
        const mine = this.curves.get(number);
        if (!mine || (mine.id === c.id && c.steps.length > mine.steps.length) || mine.id !== c.id && this.trials.get(number).id === c.id) this.curves.set(number, c);
      }
      // The page now holds everything up to the later of the two cursors.
      this.cursor = Math.max(cursor, model.cursor);
      if (columns.join('\n') !== this.columns.join('\n')) { this.buildHead(); }
      this.schedule();
    }
  }

  function confusionTable(matrix, classNames) {
    const names = classNames.length === matrix.length ? classNames : matrix.map((_, i) => String(i));
    const table = el('table', {class: 'confusion'});
    table.append(el('thead', null, el('tr', null, el('th'), ...names.map((n) => el('th', {text: n})))));
    const body = el('tbody');
    matrix.forEach((row, r) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const tr = el('tr', null, el('th', {text: names[r]}));
      row.forEach((count, c) => {
        const share = count / total;
        const td = el('td', {text: String(count), title: names[r] + ' → ' + names[c] + ': ' + count + ' (' + (share * 100).toFixed(1) + '%)'});
        td.style.background = r === c ? 'rgba(31,157,85,' + (0.15 + 0.85 * share) + ')' : 'rgba(214,69,69,' + Math.min(1, share * 4) + ')';
        if (share > 0.5) td.style.color = '#fff';
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(body);
    return table;
  }

  // ---------- the list of sweeps ----------
  async function sweepList() {
    const main = document.getElementById('main');
    document.getElementById('toc').hidden = true;
    const response = await fetch('/api/sweeps');
    const data = await response.json();
    document.getElementById('subtitle').replaceChildren(el('span', {text: data.db}), el('span', {text: data.sweeps.length + ' sweep' + (data.sweeps.length === 1 ? '' : 's')}));
    document.getElementById('footer').textContent = 'Served live by `sweep dashboard`; read-only.';
    if (!data.sweeps.length) { main.replaceChildren(el('p', {class: 'empty', text: 'No sweeps in this database yet: start one with `sweep run SPEC`.'})); return; }
    if (data.sweeps.length === 1 && !location.search.includes('list')) { location.replace('/sweeps/' + data.sweeps[0].id); return; }
    const table = el('table', {class: 'trials sweeps', id: 'sweeps-table'});
    table.append(el('thead', null, el('tr', null, ...['sweep', 'state', 'method', 'metric', 'trials', 'running', 'finished', 'best', 'best trial', 'updated'].map((h) => el('th', {text: h})))));
    const body = el('tbody');
    for (const s of [...data.sweeps].reverse()) {
      body.append(el('tr', null, el('td', null, el('a', {href: '/sweeps/' + s.id, text: s.name})),
        el('td', null, el('span', {class: 'state ' + s.state, text: s.state})), el('td', {text: s.method}),
        el('td', {text: s.metric ? s.metric + ' (' + s.goal + ')' : ''}), el('td', {class: 'num', text: String(s.trials)}),
        el('td', {class: 'num', text: String(s.counts.running)}), el('td', {class: 'num', text: String(s.counts.finished)}),
        el('td', {class: 'num', text: fmt(s.best_value)}), el('td', {class: 'num', text: s.best_trial === null ? '' : String(s.best_trial)}),
        el('td', {text: utc(s.updated_at)})));
    }
    table.append(body);
    main.replaceChildren(el('section', {class: 'card', id: 'sweeps'}, el('h2', {text: 'Sweeps'}), el('div', {class: 'table-wrap'}, table)));
  }

  async function start() {
    const embedded = document.getElementById('sweep-model');
    if (embedded) {
      window.sweepPage = new SweepPage(JSON.parse(embedded.textContent), null);
      return;
    }
    const match = location.pathname.match(/^\/sweeps\/(\d+)$/);
    if (!match) { await sweepList(); return; }
    const id = Number(match[1]);
    const t0 = performance.now();
    const response = await fetch('/api/sweeps/' + id + '/model');
    if (!response.ok) {
      const error = await response.json().catch(() => ({error: 'HTTP ' + response.status}));
      document.getElementById('main').replaceChildren(el('p', {class: 'empty', text: error.error || 'no such sweep'}), el('p', null, el('a', {href: '/?list', text: 'all sweeps'})));
      return;
    }
    const fetched = performance.now();
    const model = await response.json();
    const parsed = performance.now();
    const page = new SweepPage(model, {id});
    page.loadParts = {fetch: fetched - t0, parse: parsed - fetched, build: performance.now() - parsed};
    page.firstPaintMs = performance.now() - t0;
    window.sweepPage = page;
    page.poll();
  }

  start().catch((error) => {
    const main = document.getElementById('main');
    main.replaceChildren(el('p', {class: 'empty', text: 'The dashboard could not load: ' + error.message}));
  });
})();
