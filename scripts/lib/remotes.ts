/** Building and publishing remotes into a store folder, and switching the registry to them. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REMOTE_NAMES, type RemoteName } from '../../api/src/contracts/index.js';
import { publishVersion, RemoteRelease } from '../../api/src/remotes/registry.js';
import { ROOT } from './paths.js';

export { REMOTE_NAMES, type RemoteName };

export function distOf(name: RemoteName): string {
  return path.join(ROOT, name, 'dist');
}

export function builtVersion(name: RemoteName): string | undefined {
  const file = path.join(distOf(name), 'remote-version.json');
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Builds one remote alone, stamped with the given version. */
export function buildRemote(name: RemoteName, version: string): void {
  const res = spawnSync('npx', ['rsbuild', 'build'], {
    cwd: path.join(ROOT, name),
    stdio: 'inherit',
    env: { ...process.env, REMOTE_VERSION: version, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`build of ${name} failed`);
}

/** Copies a built remote into <store>/<name>/<version>/ and makes that version live. */
export async function publishRemote(name: RemoteName, storeDir: string, by = 'cli'): Promise<string> {
  const version = builtVersion(name);
  if (!version) throw new Error(`${name} is not built (no dist/remote-version.json)`);
  const target = path.join(storeDir, name, version);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(distOf(name), target, { recursive: true });
  await publishVersion(name, version, by);
  return version;
}

/** Publishes every built remote whose built version is not the live one. */
export async function publishAllIfNeeded(storeDir: string): Promise<void> {
  const live = new Map((await RemoteRelease.find().lean()).map((r) => [r.name, r.current]));
  for (const name of REMOTE_NAMES) {
    const version = builtVersion(name);
    const present = version && fs.existsSync(path.join(storeDir, name, version, 'mf-manifest.json'));
    if (version && (live.get(name) !== version || !present)) await publishRemote(name, storeDir, 'start');
  }
}
