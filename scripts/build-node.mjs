// Bundles the Electron main process, the preload and the branch core process
// entry into dist/electron/*.cjs with esbuild. Run after `vite build`
// (npm run build). `--outdir DIR` builds elsewhere (tests).
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? path.resolve(process.argv[outdirArg + 1]) : path.join(root, 'dist', 'electron');

// Native or Electron-provided: loaded at runtime from node_modules (asarUnpack) or by Electron itself.
// package.json installs better-sqlite3-multiple-ciphers under the name better-sqlite3; a bundled copy
// would look for its .node file next to the bundle, so both names stay external.
// pdfkit reads its font metrics (data/*.afm) next to its own files at run time, so it loads from node_modules too.
const external = ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg-native', 'pdfkit'];
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 41 runs Node 24; node20 keeps the bundle loadable by plain Node in tests too.
  target: 'node20',
  external,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

// Source written as ESM may read import.meta.url; in a CJS bundle that is
// undefined, so give it the bundle's own file URL. Not for the preload: a
// sandboxed preload may require nothing but 'electron'.
const importMetaShim = {
  define: { 'import.meta.url': '__simpulImportMetaUrl' },
  banner: { js: "const __simpulImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const bundles = [
  { name: 'main', entry: 'electron/main.ts', allowed: (id) => id === 'electron' || builtins.has(id), shim: true },
  // Sandboxed preloads get a tiny require(): 'electron' only (events, timers, url are polyfilled but unused).
  { name: 'preload', entry: 'electron/preload.ts', allowed: (id) => id === 'electron', shim: false },
  // The core must never import 'electron': it also runs under worker_threads.
  { name: 'core', entry: 'src/branch/host/process-entry.ts', allowed: (id) => id !== 'electron', shim: true },
  // The core's report worker thread (src/branch/reports/runner.ts loads it from next to core.cjs).
  { name: 'report-worker', entry: 'src/branch/reports/worker.ts', allowed: (id) => id !== 'electron', shim: true },
  // The import reader thread (src/branch/imports/row-source.ts loads it from next to core.cjs): parsing and checks, no SQLite.
  { name: 'import-worker', entry: 'src/branch/imports/row-worker.ts', allowed: (id) => id !== 'electron' && id !== 'better-sqlite3' && id !== 'better-sqlite3-multiple-ciphers', shim: true },
];

const started = Date.now();
for (const bundle of bundles) {
  const result = await build({
    ...common,
    ...(bundle.shim ? importMetaShim : {}),
    entryPoints: [path.join(root, bundle.entry)],
    outfile: path.join(outdir, `${bundle.name}.cjs`),
  });
  // Refuse a bundle that would load what it must not (SQLite on the main thread, Node in the preload).
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external));
  const refused = [...new Set(imports.map((i) => i.path).filter((id) => !bundle.allowed(id)))];
  if (refused.length > 0) {
    console.error(`${bundle.name}.cjs must not import: ${refused.join(', ')}`);
    process.exit(1);
  }
}
// The Linux window icon: resources/ is electron-builder's buildResources, which is kept out of the asar.
copyFileSync(path.join(root, 'resources', 'icon.png'), path.join(outdir, 'icon.png'));
console.log(`built ${bundles.map((b) => `${b.name}.cjs`).join(', ')} in ${path.relative(root, outdir) || '.'} (${Date.now() - started} ms)`);
