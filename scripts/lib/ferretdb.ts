/**
 * The embedded database: FerretDB v1 with its SQLite backend, a real MongoDB wire-protocol server.
 * Built once from its Go module into .tools/ (git-ignored), with the project's patches applied
 * (scripts/ferretdb/*.patch: filter, sort, limit and count pushdown to SQLite), started on a free
 * loopback port.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, TOOLS_DIR } from './paths.js';

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';
const PATCHES_DIR = path.join(ROOT, 'scripts', 'ferretdb');
const PATCHES = fs
  .readdirSync(PATCHES_DIR)
  .filter((f) => f.endsWith('.patch'))
  .sort()
  .map((f) => path.join(PATCHES_DIR, f));
/** The binary's name changes with the patches, so that a changed patch is rebuilt. */
const PATCHES_HASH = crypto
  .createHash('sha256')
  .update(PATCHES.map((p) => fs.readFileSync(p)).join('\n'))
  .digest('hex')
  .slice(0, 10);
const BIN = path.join(TOOLS_DIR, 'bin', `ferretdb-${FERRETDB_VERSION}-${PATCHES_HASH}`);

/**
 * Builds FerretDB from the Go module proxy unless already built. `go install module@version`
 * cannot be used as is: the module zip lacks build/version/version.txt, which FerretDB's build
 * normally generates, and the binary panics without it. So the module is downloaded with
 * `go mod download`, that one file is written, the patches are applied, and the command is built
 * with `go build`.
 */
export function ensureFerretDB(log: (msg: string) => void = console.log): string {
  if (fs.existsSync(BIN)) return BIN;
  log(`Building FerretDB ${FERRETDB_VERSION} from its Go module (first run only)…`);
  const goEnv = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      env: goEnv,
      encoding: 'utf8',
    }),
  ) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download failed: ${info.Error ?? 'no directory'}`);
  const src = path.join(TOOLS_DIR, 'src', `ferretdb-${FERRETDB_VERSION}`);
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.cpSync(info.Dir, src, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', src]);
  fs.writeFileSync(path.join(src, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
  // The sources sit inside this repository's work tree: git must not take them for part of it
  // (it would silently skip the paths outside the current folder), hence the ceiling.
  const gitEnv = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(src) };
  for (const patch of PATCHES) execFileSync('git', ['apply', '--whitespace=nowarn', patch], { cwd: src, env: gitEnv, stdio: 'inherit' });
  if (!fs.existsSync(path.join(src, 'internal/backends/sqlite/pushdown.go'))) throw new Error('FerretDB patches were not applied');
  fs.mkdirSync(path.dirname(BIN), { recursive: true });
  execFileSync('go', ['build', '-trimpath', '-o', `${BIN}.tmp`, './cmd/ferretdb'], {
    cwd: src,
    env: goEnv,
    stdio: 'inherit',
  });
  fs.renameSync(`${BIN}.tmp`, BIN);
  fs.rmSync(src, { recursive: true, force: true });
  return BIN;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`FerretDB exited with code ${child.exitCode}`));
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error('FerretDB did not start in time'));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export interface RunningFerretDB {
  uri: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts FerretDB with its SQLite files in dataDir. The URI names no database: callers add one. */
export async function startFerretDB(opts: {
  dataDir: string;
  port?: number;
  log?: (m: string) => void;
  /** More command-line flags (tests: `--test-disable-pushdown` for FerretDB's reference evaluation). */
  extraArgs?: string[];
}): Promise<RunningFerretDB> {
  const bin = ensureFerretDB(opts.log);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const logFile = fs.openSync(path.join(opts.dataDir, 'ferretdb.log'), 'a');
  const child = spawn(
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${opts.dataDir.replace(/\/?$/, '/')}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      `--state-dir=${opts.dataDir}`,
      process.env.FERRETDB_LOG_LEVEL ? `--log-level=${process.env.FERRETDB_LOG_LEVEL}` : '--log-level=warn',
      ...(opts.extraArgs ?? []),
    ],
    { stdio: ['ignore', logFile, logFile] },
  );
  fs.closeSync(logFile);
  await waitForPort(port, child, 20_000);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    dataDir: opts.dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** mongodb://host:port/ + db name → mongodb://host:port/db */
export function withDatabase(uri: string, db: string): string {
  const u = new URL(uri);
  u.pathname = `/${db}`;
  return u.toString();
}
