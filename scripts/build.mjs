// Bundles the extension, the CLI, the analysis worker and (with --tests) the test suites with esbuild.
// `vscode` stays external; everything else is bundled so the packaged extension needs no node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');
const withTraining = args.has('--train');
const quiet = args.has('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: quiet ? 'error' : 'warning',
  legalComments: 'none',
};
// dist/meta.json lists what each bundle imports: test/robustness/bundle.test.ts checks it for forbidden modules.
const withMeta = { ...common, metafile: true };

function listTests(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

rmSync('dist', { recursive: true, force: true });
const builds = [
  esbuild.build({
    ...withMeta,
    entryPoints: { extension: 'src/extension/extension.ts', worker: 'src/extension/analysisWorker.ts' },
    outdir: 'dist',
    external: ['vscode'],
  }),
  esbuild.build({
    ...withMeta,
    // engine.js: the core alone, for benchmarks and scripts that want it without the CLI.
    entryPoints: { cli: 'src/cli.ts', 'cli-worker': 'src/cliWorker.ts', bench: 'bench/bench.ts', 'bench-run': 'bench/engineRun.ts', engine: 'src/core/index.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
];

if (withTraining) {
  builds.push(esbuild.build({ ...common, sourcemap: 'inline', entryPoints: { 'train-ner': 'scripts/train-ner.ts', 'build-word-clusters': 'scripts/build-word-clusters.ts', 'train-claims': 'scripts/train-claims.ts' }, outdir: 'out/scripts' }));
}

if (withTests) {
  rmSync('out', { recursive: true, force: true });
  const unit = listTests('test/unit', '.test.ts');
  builds.push(
    esbuild.build({ ...common, sourcemap: 'inline', entryPoints: unit, outdir: 'out/test/unit' }),
  );
  // Test files and the worker they run hangable tasks in; typescript parses the bundles at run time.
  const robustness = [...listTests('test/robustness', '.test.ts'), ...listTests('test/robustness', '.worker.ts')];
  builds.push(
    esbuild.build({ ...common, sourcemap: 'inline', entryPoints: robustness, outdir: 'out/test/robustness', external: ['typescript'] }),
  );
  const integration = [...listTests('test/integration', '.ts')];
  builds.push(
    esbuild.build({
      ...common,
      sourcemap: 'inline',
      entryPoints: integration,
      outdir: 'out/test/integration',
      // Resolved at run time from node_modules: the extension host provides vscode; mocha is loaded as is.
      external: ['vscode', 'mocha', '@vscode/test-electron', 'playwright-core'],
    }),
  );
  const e2e = listTests('test/e2e', '.ts');
  builds.push(
    esbuild.build({ ...common, sourcemap: 'inline', entryPoints: e2e, outdir: 'out/test/e2e', external: ['playwright-core'] }),
  );
  const support = listTests('test/support', '.ts');
  if (support.length) {
    builds.push(
      esbuild.build({ ...common, sourcemap: 'inline', entryPoints: support, outdir: 'out/test/support', external: ['playwright-core'] }),
    );
  }
}

try {
  const results = await Promise.all(builds);
  const [inputs, outputs] = ['inputs', 'outputs'].map((k) => Object.assign({}, ...results.slice(0, 2).map((r) => r.metafile[k])));
  writeFileSync('dist/meta.json', JSON.stringify({ inputs, outputs }));
  // The entity model ships beside the bundles that load it.
  if (existsSync('data/ner-model.bin')) {
    mkdirSync('dist', { recursive: true });
    copyFileSync('data/ner-model.bin', 'dist/ner-model.bin');
  }
  if (!quiet) console.log(`built dist/${withTests ? ' and out/' : ''}${production ? ' (production)' : ''}`);
} catch (err) {
  console.error('build failed:', err.message);
  process.exit(1);
}
