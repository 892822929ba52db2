/**
 * `npm test`: lint, typecheck, unit, API integration (real FerretDB, real HTTP) and end-to-end
 * (real Chromium) tests, in that order; stops at the first failing stage. Ends with a summary line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureFerretDB } from './lib/ferretdb.js';
import { ROOT } from './lib/paths.js';

const RESULTS = path.join(ROOT, 'node_modules', '.cache', 'test-results');
fs.mkdirSync(RESULTS, { recursive: true });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: process.env.CI ? '0' : '1' };
const counts = { passed: 0, failed: 0, skipped: 0 };
/** Each stage run so far, with its wall time: the final table. */
const stages: { stage: string; secs: number; ok: boolean }[] = [];

function run(stage: string, cmd: string, args: string[], cwd = ROOT): void {
  const started = Date.now();
  console.log(`\n▶ ${stage}`);
  const res = spawnSync(cmd, args, { cwd, stdio: 'inherit', env });
  const secs = (Date.now() - started) / 1000;
  stages.push({ stage, secs, ok: res.status === 0 });
  if (res.status !== 0) {
    console.error(`\n✖ ${stage} failed (${secs.toFixed(0)} s)`);
    summary();
    process.exit(res.status ?? 1);
  }
  console.log(`✔ ${stage} (${secs.toFixed(0)} s)`);
}

/** Every stage run, with its time, and the total. */
function stageTable() {
  if (!stages.length) return;
  const width = Math.max(...stages.map((s) => s.stage.length), 'Total'.length);
  const line = (mark: string, name: string, secs: number) =>
    `${mark} ${name.padEnd(width)}  ${secs.toFixed(0).padStart(5)} s`;
  console.log('\nStage times');
  for (const s of stages) console.log(line(s.ok ? '✔' : '✖', s.stage, s.secs));
  console.log(line(' ', 'Total', stages.reduce((sum, s) => sum + s.secs, 0)));
}

function readVitest(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + r.numTodoTests;
}

function readPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  counts.passed += r.stats.expected + r.stats.flaky;
  counts.failed += r.stats.unexpected;
  counts.skipped += r.stats.skipped;
}

function summary() {
  stageTable();
  readVitest(path.join(RESULTS, 'api.json'));
  readVitest(path.join(RESULTS, 'shared-ui.json'));
  readPlaywright(path.join(ROOT, 'e2e', 'test-results', 'results.json'));
  console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
}

for (const f of ['api.json', 'shared-ui.json']) fs.rmSync(path.join(RESULTS, f), { force: true });
fs.rmSync(path.join(ROOT, 'e2e', 'test-results'), { recursive: true, force: true });

run('Lint (ESLint)', 'npx', ['eslint', '.', '--max-warnings=0']);
run('Typecheck (tsc, every workspace)', 'npx', ['turbo', 'run', 'typecheck', '--concurrency=2', '--output-logs=errors-only']);
run('Typecheck (scripts, benchmarks)', 'npx', ['tsc', '-p', 'scripts']);
ensureFerretDB();
run('Build (shell and remotes)', 'npx', ['turbo', 'run', 'build', '--concurrency=2', '--output-logs=errors-only']);
run('Unit and API tests (vitest, FerretDB)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(RESULTS, 'api.json')}`], path.join(ROOT, 'api'));
run('Shared UI unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(RESULTS, 'shared-ui.json')}`], path.join(ROOT, 'shared-ui'));
if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is missing: install it with `apt-get install -y chromium` (.ci/run does).');
  process.exit(1);
}
run('End-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], path.join(ROOT, 'e2e'));
summary();
