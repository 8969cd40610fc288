// Debian's headless Chromium through playwright-core, opened the same way by every browser test and
// measurement (tests/report/browser, tests/dashboard/browser, bench/dashboard). Each run.sh copies this
// file beside its scripts, where its pinned playwright-core is installed.
import { chromium } from 'playwright-core';

// SWEEP_CHROMIUM overrides the path (a Chromium elsewhere than Debian's).
export const chromiumPath = process.env.SWEEP_CHROMIUM || '/usr/bin/chromium';

export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in CI needs --no-sandbox; the rest keep Chromium from reaching for the network at start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Counts as failures what a person would see go wrong on a page: a console error or warning, an
// uncaught page error, a dialog (dismissed).
export function failOnPageTrouble(page, fail) {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') fail(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => fail(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    fail(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
}

// The sweep page's trials table draws its rows only near the screen (it is virtual): scrolls to it, as
// a person would, and waits until its rows are drawn.
export async function showTrialsTable(page) {
  await page.locator('#trials').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const p = window.sweepPage;
    return p && (p.trials.size === 0 || (p.tableInView && !p.rowsStale));
  });
}
