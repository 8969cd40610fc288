// A load test of `sweep dashboard`: CLIENTS clients each load a sweep's model, then poll its updates
// every 300 ms for SECONDS and load the model again every 10 s while trials change, as the page does,
// over keep-alive connections. Prints the request count, errors and latency percentiles (all requests,
// then updates and models apart); exits 1 on any error.
// usage: node load.mjs URL CLIENTS SECONDS
const [url, clientsText, secondsText] = process.argv.slice(2);
const clients = Number(clientsText), seconds = Number(secondsText);
const sweeps = await (await fetch(new URL('/api/sweeps', url))).json();
const id = sweeps.sweeps[sweeps.sweeps.length - 1].id;
const MODEL_REFRESH_MS = 10000;  // app.js: the model again every 10 s while trials change
const latencies = [], byKind = {updates: [], model: []};
let errors = 0, requests = 0, bytes = 0;
const errorKinds = new Map();
const deadline = Date.now() + seconds * 1000;

async function timed(kind, target) {
  const started = performance.now();
  try {
    const response = await fetch(new URL(target, url));
    const text = await response.text();
    requests += 1;
    bytes += text.length;
    latencies.push(performance.now() - started);
    byKind[kind].push(performance.now() - started);
    if (!response.ok || text.includes('database is locked')) throw new Error(`HTTP ${response.status}: ${text.slice(0, 100)}`);
    return JSON.parse(text);
  } catch (error) {
    errors += 1;
    errorKinds.set(error.message, (errorKinds.get(error.message) || 0) + 1);
    return null;
  }
}

async function client() {
  const model = await timed('model', `/api/sweeps/${id}/model`);
  let cursor = model ? model.cursor : 0, modelAt = Date.now(), changed = false;
  while (Date.now() < deadline) {
    const started = Date.now();
    const update = await timed('updates', `/api/sweeps/${id}/updates?since=${cursor}`);
    if (update) {
      cursor = update.cursor;
      changed = changed || update.trials.length > 0;
    }
    if (changed && Date.now() - modelAt > MODEL_REFRESH_MS) {
      const fresh = await timed('model', `/api/sweeps/${id}/model`);
      if (fresh) cursor = Math.max(cursor, fresh.cursor);
      modelAt = Date.now();
      changed = false;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 300 - (Date.now() - started))));
  }
}

await Promise.all(Array.from({ length: clients }, client));
const quantile = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1) : '-');
};
const q = quantile(latencies);
console.log(`load: ${clients} clients for ${seconds} s: ${requests} requests (${(requests / seconds).toFixed(0)}/s), ` +
            `${errors} errors, latency median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms, ${(bytes / 1048576).toFixed(1)} MiB served`);
for (const [kind, values] of Object.entries(byKind)) {
  const k = quantile(values);
  console.log(`  ${kind}: ${values.length} requests, median ${k(0.5)} ms, p99 ${k(0.99)} ms, max ${k(1)} ms`);
}
for (const [kind, count] of errorKinds) console.log(`  error x${count}: ${kind}`);
process.exit(errors === 0 ? 0 : 1);
