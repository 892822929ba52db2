/**
 * Benchmark (a): JavaScript downloaded on the first load of each role's home page, per remote,
 * compressed (bytes on the wire) and raw, read from Chromium's network log. Also checks that no
 * chart library (G2 / AntV) is part of a first load that draws no chart.
 *
 *   npx tsx bench/first-load.ts        (needs the built shell and remotes: npm run build)
 */
import { chromium } from 'playwright-core';
import { ROLES, ROLE_HOME } from '../api/src/contracts/index.js';
import { startStack } from '../scripts/lib/stack.js';

const stack = await startStack();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const rows: { role: string; part: string; files: number; wire: number; raw: number }[] = [];
let chartsLoaded = false;
try {
  for (const role of ROLES) {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    const page = await context.newPage();
    // Log in through the API (same cookie jar as the page), so that only the home page is measured.
    const cfg = await (await context.request.get('/api/auth/config')).json();
    await context.request.post('/api/auth/demo-login', { data: { role }, headers: { 'x-csrf-token': cfg.csrfToken } });
    const scripts: Promise<{ part: string; wire: number; raw: number; charts: boolean }>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      scripts.push(
        (async () => {
          const body = await res.body();
          const sizes = await res.request().sizes();
          const m = new URL(res.url()).pathname.match(/^\/remotes\/([^/]+)\//);
          const text = body.toString('utf8');
          return {
            part: m ? m[1]! : 'shell',
            wire: sizes.responseBodySize,
            raw: body.length,
            charts: /@antv\/g2|G2\.Chart|antv-g2/.test(text),
          };
        })(),
      );
    });
    await page.goto(ROLE_HOME[role], { waitUntil: 'networkidle' });
    // The home page is a remote's: measured once it is mounted (the shell's own bundle may take longer
    // to run than the network-idle window on a busy machine), then once the network is idle again.
    await page.getByTestId('remote-version').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    for (const s of await Promise.all(scripts)) {
      chartsLoaded ||= s.charts;
      const row = rows.find((r) => r.role === role && r.part === s.part);
      if (row) {
        row.files++;
        row.wire += s.wire;
        row.raw += s.raw;
      } else rows.push({ role, part: s.part, files: 1, wire: s.wire, raw: s.raw });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log('\nFirst load of each role home page — JavaScript per part (compressed on the wire / raw)\n');
console.log(['role', 'part', 'files', 'compressed', 'raw'].map((h) => h.padEnd(20)).join(''));
for (const role of ROLES) {
  const mine = rows.filter((r) => r.role === role);
  for (const r of mine) console.log([role, r.part, String(r.files), kb(r.wire), kb(r.raw)].map((c) => c.padEnd(20)).join(''));
  const tw = mine.reduce((s, r) => s + r.wire, 0);
  const tr = mine.reduce((s, r) => s + r.raw, 0);
  console.log([role, 'TOTAL', '', kb(tw), kb(tr)].map((c) => c.padEnd(20)).join(''));
}
console.log(`\nChart library in a first load: ${chartsLoaded ? 'YES (defect)' : 'no'}`);
