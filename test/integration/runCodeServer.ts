// Runs the integration suite (index.ts) inside code-server's real extension host, driven by headless
// Chromium: VS Code's smoke-test driver hands the workbench log and the suite's exit code to the page.
//   node out/test/integration/runCodeServer.js
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, resolveTestEnv, startCodeServer, type CodeServer } from '../support/codeServer';
import { projectRoot } from '../support/project';
import { createSeedWorkspace } from '../support/workspace';
import type { IntegrationResults } from './index';

const OVERALL_TIMEOUT_MS = 5 * 60_000;
const SUMMARY = /^\d+ passed, \d+ failed$/;
// Workbench errors that are expected offline or that merely repeat the suite's own verdict.
const NOISE = [/ENOTFOUND open-vsx\.org/, /integration test\(s\) failed/, /^\s+at /];

/** Streams the suite's report file to stdout as it grows, holding the summary line back for the very end. */
class ReportTail {
  private offset = 0;
  private partial = '';
  private summary: string | undefined;
  constructor(private readonly path: string) {}

  poll(): void {
    if (!existsSync(this.path)) return;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      for (let n = readSync(fd, buffer, 0, buffer.length, this.offset); n > 0; n = readSync(fd, buffer, 0, buffer.length, this.offset)) {
        this.offset += n;
        this.partial += buffer.subarray(0, n).toString('utf8');
      }
    } finally {
      closeSync(fd);
    }
    const lines = this.partial.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (SUMMARY.test(line)) this.summary = line;
      else console.log(line);
    }
  }

  /** Prints what is left; returns the summary line if the suite printed one. */
  finish(): string | undefined {
    this.poll();
    if (this.partial) console.log(this.partial);
    if (this.summary) console.log(this.summary);
    return this.summary;
  }
}

async function main(): Promise<number> {
  const root = projectRoot();
  const resultsDir = join(root, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsPath = join(resultsDir, 'integration-results.json');
  const reportPath = join(resultsDir, 'integration-report.txt');
  const workbenchLogPath = join(resultsDir, 'integration-workbench.log');
  for (const file of [resultsPath, reportPath]) rmSync(file, { force: true });
  writeFileSync(workbenchLogPath, '');
  const suiteIndex = join(root, 'out', 'test', 'integration', 'index');
  if (!existsSync(`${suiteIndex}.js`)) throw new Error(`${suiteIndex}.js is missing; run node scripts/build.mjs --tests`);

  const env = resolveTestEnv();
  const workspace = createSeedWorkspace(root);
  const report = new ReportTail(reportPath);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tailer = setInterval(() => report.poll(), 100);
  let code = 1;
  try {
    server = await startCodeServer({
      env,
      folder: workspace.dir,
      args: ['--vscode-option', 'enable-smoke-test-driver'],
      // The extension host inherits code-server's environment.
      extraEnv: { DOSSIER_TEST_WORKSPACE: workspace.dir, DOSSIER_TEST_RESULTS: resultsPath, DOSSIER_TEST_LOG: reportPath },
      logFile: join(resultsDir, 'integration-code-server.log'),
    });
    console.log(`code-server ${server.origin}, workspace ${workspace.dir}`);
    browser = await launchChromium(env);
    const page = await browser.newPage();

    // Both hooks must exist before the workbench loads: it looks them up at startup.
    let reportExit!: (exitCode: number) => void;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (exitCode: number) => reportExit(exitCode));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
      const message = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(workbenchLogPath, `[${level}] ${message}\n`);
      // Extension activation failures and the like surface here as errors; the rest stays in the log file.
      const first = message.split('\n')[0];
      if (level === 'error' && !NOISE.some((re) => re.test(first))) console.error(`[vscode] ${first}`);
    });

    await page.goto(
      server.folderUrl([
        ['extensionDevelopmentPath', server.remoteUri(root)],
        ['extensionTestsPath', server.remoteUri(suiteIndex)],
        ['skipWelcome', 'true'],
      ]),
    );
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`integration suite did not finish within ${OVERALL_TIMEOUT_MS / 1000} s (see ${workbenchLogPath})`);
        resolve(1);
      }, OVERALL_TIMEOUT_MS);
    });
    code = await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
    clearInterval(tailer);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    workspace.remove();
  }
  return verdict(code, report.finish(), resultsPath, workbenchLogPath);
}

/** An exit code alone cannot tell "all passed" from "never ran"; the suite's results file can. */
function verdict(code: number, summary: string | undefined, resultsPath: string, workbenchLogPath: string): number {
  if (!existsSync(resultsPath)) {
    console.error(`the suite did not run to the end (exit code ${code}); see ${workbenchLogPath}`);
    if (!summary) console.log('0 passed, 1 failed');
    return code || 1;
  }
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as IntegrationResults;
  if (!summary) console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed > 0 ? code || 1 : code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
