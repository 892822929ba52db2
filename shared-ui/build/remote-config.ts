/// <reference types="node" />
/**
 * The one Rsbuild configuration of the front ends. Each package's `rsbuild.config.ts` is a one-liner:
 *
 *   export default remoteConfig({ name: 'mfe-crm', dir: import.meta.dirname });   // a remote
 *   export default hostConfig({ dir: import.meta.dirname });                       // the shell
 *
 * Module Federation rules kept here, once:
 * - the third-party libraries that hold React state or a context are singleton shared modules (React
 *   and its subpaths, antd, the router…), never eager: every entry starts with an async boundary
 *   (`index.ts` → `import('./bootstrap')`);
 * - our own code (`@digiweb/shared-ui`, `@digiweb/api/contracts`) is NOT shared: each front end bundles
 *   the copy it was built with, so that a remote built later, against newer helpers or contracts, never
 *   runs on the older copy a shell deployed earlier would offer (a singleton goes to the first loaded).
 *   Each remote renders its own providers from the shell's `customProps` (session, CSRF token);
 * - `@tanstack/react-query` is NOT shared either: each front end is its own React root with its own
 *   QueryClient (AppProviders), and its hooks only ever read the provider of their own bundle;
 * - `dts: false` (the type-hint feature is slow and fragile on CI; the workspace gives the types);
 * - `shareStrategy: 'loaded-first'`, so no other remote's entry is fetched to compare versions;
 * - remotes resolve their chunks relative to the manifest they were fetched from (publicPath `auto`),
 *   because they are deployed under `/remotes/<name>/<version>/` and the version is not known here.
 * Charts (`@ant-design/plots`) are deliberately absent from the shared list.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type RsbuildConfig, type RsbuildPlugin } from '@rsbuild/core';
import { pluginReact } from '@rsbuild/plugin-react';
import { pluginModuleFederation, type ModuleFederationOptions } from '@module-federation/rsbuild-plugin';
import { federationName, type RemoteName } from '@digiweb/api/contracts';

/** Container name of the shell (the host). */
export const HOST_FEDERATION_NAME = 'digiweb_shell';

/** Singleton shared modules. A trailing slash shares every subpath (react/jsx-runtime, react-dom/client…). */
const SINGLETONS: { key: string; pkg: string }[] = [
  { key: 'react', pkg: 'react' },
  { key: 'react/', pkg: 'react' },
  { key: 'react-dom', pkg: 'react-dom' },
  { key: 'react-dom/', pkg: 'react-dom' },
  { key: 'antd', pkg: 'antd' },
  { key: '@tanstack/react-router', pkg: '@tanstack/react-router' },
  { key: 'single-spa-react', pkg: 'single-spa-react' },
  { key: 'dayjs', pkg: 'dayjs' },
  { key: 'axios', pkg: 'axios' },
];

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Version of an installed package, looked up the way Node resolves it from `dir`. */
function installedVersion(dir: string, pkg: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, 'node_modules', pkg, 'package.json');
    if (existsSync(file)) return readJson<{ version: string }>(file).version;
    if (path.dirname(d) === d) return undefined;
  }
}

function sharedModules(dir: string): NonNullable<ModuleFederationOptions['shared']> {
  const shared: Record<string, { singleton: true; requiredVersion: string | false }> = {};
  for (const { key, pkg } of SINGLETONS) {
    const version = installedVersion(dir, pkg);
    // A package this build cannot resolve is simply not offered by it; the others still share theirs.
    if (!version) continue;
    shared[key] = { singleton: true, requiredVersion: `^${version}` };
  }
  return shared;
}

/** Settings common to the shell and the remotes. */
function baseConfig(dir: string): RsbuildConfig {
  return {
    root: dir,
    source: { entry: { index: './src/index.ts' } },
    output: {
      distPath: { root: 'dist' },
      filenameHash: true,
      cleanDistPath: true,
    },
    performance: { chunkSplit: { strategy: 'split-by-experience' } },
  };
}

export interface RemoteConfigOptions {
  name: RemoteName;
  /** The package folder (`import.meta.dirname` in its rsbuild.config.ts). */
  dir: string;
}

/** Writes `remote-version.json` ({ name, version }) next to the manifest. */
function pluginRemoteVersion(name: RemoteName, version: string): RsbuildPlugin {
  return {
    name: 'digiweb:remote-version',
    setup(api) {
      api.processAssets({ stage: 'additional' }, ({ compilation, sources }) => {
        compilation.emitAsset(
          'remote-version.json',
          new sources.RawSource(`${JSON.stringify({ name, version }, null, 2)}\n`),
        );
      });
    },
  };
}

/**
 * A Module Federation remote: container `federationName(name)`, `mf-manifest.json`, `remoteEntry.js`,
 * exposes `./spa` (single-spa lifecycles). The version stamped into the build is `REMOTE_VERSION`
 * (default `<package.json version>-dev`), available in code as `__REMOTE_VERSION__`.
 */
export function remoteConfig({ name, dir }: RemoteConfigOptions): RsbuildConfig {
  const pkg = readJson<{ version: string }>(path.join(dir, 'package.json'));
  const version = process.env.REMOTE_VERSION?.trim() || `${pkg.version}-dev`;
  const base = baseConfig(dir);
  return defineConfig({
    ...base,
    source: {
      ...base.source,
      define: {
        __REMOTE_NAME__: JSON.stringify(name),
        __REMOTE_VERSION__: JSON.stringify(version),
      },
    },
    output: {
      ...base.output,
      // Chunks load relative to where remoteEntry.js / mf-manifest.json was fetched from:
      // /remotes/<name>/<version>/static/js/… whatever the version folder is.
      assetPrefix: 'auto',
    },
    // The remote is only ever mounted by the shell; no standalone page.
    tools: { htmlPlugin: false },
    plugins: [
      pluginReact(),
      pluginModuleFederation({
        name: federationName(name),
        filename: 'remoteEntry.js',
        exposes: { './spa': './src/spa.tsx' },
        shared: sharedModules(dir),
        shareStrategy: 'loaded-first',
        manifest: { fileName: 'mf-manifest.json' },
        dts: false,
      }),
      pluginRemoteVersion(name, version),
    ],
  });
}

export interface HostConfigOptions {
  /** The shell package folder. */
  dir: string;
}

/**
 * The shell: a Module Federation host with no static remotes. The entitled remotes are registered at
 * run time, after login, from the list `/api/me` returns. Output: `dist/index.html` + hashed assets,
 * served by the API at `/` (with SPA fallback).
 */
export function hostConfig({ dir }: HostConfigOptions): RsbuildConfig {
  const template = path.join(dir, 'index.html');
  return defineConfig({
    ...baseConfig(dir),
    html: {
      title: 'DigiWeb ERP',
      ...(existsSync(template) ? { template } : {}),
    },
    plugins: [
      pluginReact(),
      pluginModuleFederation({
        name: HOST_FEDERATION_NAME,
        remotes: {},
        shared: sharedModules(dir),
        shareStrategy: 'loaded-first',
        manifest: false,
        dts: false,
      }),
    ],
  });
}
