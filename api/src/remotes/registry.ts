/**
 * The remote registry: which version of each microfrontend is live. Deploying stores a new version
 * and switches to it; rolling back switches to the previous one. The shell reads it on every load.
 */
import mongoose, { Schema } from 'mongoose';
import { MODULE_INFO, MODULES, REMOTE_NAMES, type ModuleKey, type RemoteEntry, type RemoteName } from '../contracts/index.js';

const remoteSchema = new Schema(
  {
    name: { type: String, enum: REMOTE_NAMES, required: true, unique: true },
    current: { type: String, required: true },
    history: [{ _id: false, version: String, deployedAt: Date, by: String }],
  },
  { timestamps: true },
);

export const RemoteRelease = mongoose.model('RemoteRelease', remoteSchema, 'remote_registry');

export const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.\-_]{0,63}$/;

export async function publishVersion(name: RemoteName, version: string, by = 'cli'): Promise<void> {
  if (!VERSION_PATTERN.test(version)) throw new Error(`Invalid version: ${version}`);
  const entry = { version, deployedAt: new Date(), by };
  const existing = await RemoteRelease.findOne({ name });
  if (!existing) {
    await RemoteRelease.create({ name, current: version, history: [entry] });
    return;
  }
  existing.current = version;
  existing.history.push(entry);
  await existing.save();
}

/** Switches back to the version that was live before the current one; returns it. */
export async function rollback(name: RemoteName): Promise<string> {
  const existing = await RemoteRelease.findOne({ name });
  if (!existing) throw new Error(`${name} has never been deployed`);
  const versions = existing.history.map((h) => h.version as string);
  const idx = versions.lastIndexOf(existing.current);
  const previous = versions.slice(0, idx).reverse().find((v) => v !== existing.current);
  if (!previous) throw new Error(`${name} has no earlier version to roll back to`);
  existing.current = previous;
  existing.history.push({ version: previous, deployedAt: new Date(), by: 'rollback' });
  await existing.save();
  return previous;
}

/** The remotes a set of modules is entitled to, with their live versioned manifest URL. */
export async function entitledRemotes(modules: readonly ModuleKey[], baseUrl: string): Promise<RemoteEntry[]> {
  const wanted = MODULES.filter((m) => modules.includes(m));
  const names = wanted.map((m) => MODULE_INFO[m].remote);
  const releases = await RemoteRelease.find({ name: { $in: names } }).lean();
  const byName = new Map(releases.map((r) => [r.name, r.current]));
  return wanted.flatMap((m) => {
    const info = MODULE_INFO[m];
    const version = byName.get(info.remote);
    if (!version) return [];
    return [
      {
        name: info.remote,
        module: m,
        prefix: info.prefix,
        label: info.label,
        version,
        entry: `${baseUrl.replace(/\/$/, '')}/${info.remote}/${version}/mf-manifest.json`,
      },
    ];
  });
}
