// Entry point VS Code calls in the extension host (extensionTestsPath): runs every compiled *.test.js
// beside this file with mocha. Shared by both runners (runCodeServer.ts, runElectron.ts).
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export interface IntegrationResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  // In code-server the host's console output is mixed into the workbench's own log, so runCodeServer.ts
  // asks for the report in a file (DOSSIER_TEST_LOG) and streams that instead.
  const logFile = process.env.DOSSIER_TEST_LOG;
  const print = logFile
    ? (...args: unknown[]) => appendFileSync(logFile, `${format(...args)}\n`)
    : (...args: unknown[]) => console.log(...args);
  Mocha.reporters.Base.consoleLog = print;

  // DOSSIER_TEST_GREP runs only the tests whose titles match (while working on one).
  const grep = process.env.DOSSIER_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files under ${__dirname}`));
  for (const file of files) mocha.addFile(join(__dirname, file));

  return new Promise((resolve, reject) => {
    const failures: IntegrationResults['failures'] = [];
    try {
      const runner = mocha.run(() => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures.length;
        // The runner checks this file: an exit code alone cannot tell "all passed" from "never ran".
        const resultsPath = process.env.DOSSIER_TEST_RESULTS;
        if (resultsPath) {
          const results: IntegrationResults = { passed, failed, failures };
          writeFileSync(resultsPath, JSON.stringify(results, null, 2));
        }
        print(`${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('fail', (test, err: unknown) => {
        failures.push({ title: test.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      });
    } catch (err) {
      print(String(err));
      print('0 passed, 1 failed');
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
