// Runs the integration suite (index.ts) in desktop VS Code through @vscode/test-electron, the standard
// runner, for machines that can download VS Code (or set DOSSIER_VSCODE_EXECUTABLE to a local Electron
// build of it). Where downloads are impossible, scripts/test.mjs picks runCodeServer.ts instead.
//   node out/test/integration/runElectron.js
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from '../support/project';
import { createSeedWorkspace } from '../support/workspace';

async function main(): Promise<number> {
  const root = projectRoot();
  const suiteIndex = join(root, 'out', 'test', 'integration', 'index');
  if (!existsSync(`${suiteIndex}.js`)) throw new Error(`${suiteIndex}.js is missing; run node scripts/build.mjs --tests`);
  const resultsDir = join(root, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const workspace = createSeedWorkspace(root);
  // Fresh profile per run, so state from an earlier run cannot leak in.
  const userDataDir = mkdtempSync(join(tmpdir(), 'dossier-vscode-user-'));
  try {
    return await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteIndex,
      launchArgs: [workspace.dir, '--disable-extensions', `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: {
        DOSSIER_TEST_WORKSPACE: workspace.dir,
        DOSSIER_TEST_RESULTS: join(resultsDir, 'integration-results.json'),
      },
      ...(process.env.DOSSIER_VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.DOSSIER_VSCODE_EXECUTABLE } : {}),
      ...(process.env.DOSSIER_VSCODE_VERSION ? { version: process.env.DOSSIER_VSCODE_VERSION } : {}),
    });
  } finally {
    workspace.remove();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects with TestRunFailedError when the suite fails; its output is already printed.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
