// Starts code-server (real VS Code: workbench plus Node extension host) and headless Chromium for the
// integration and e2e suites. Desktop VS Code cannot be downloaded on the build machines; see
// scripts/test-env.mjs for how the tools get installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from './project';

export interface TestEnv {
  node24Bin: string;
  codeServerBin: string;
  chromiumPath: string;
}

/**
 * Paths of Node 24, code-server and Chromium: from the environment when scripts/test.mjs already resolved
 * them, otherwise from scripts/test-env.mjs (which installs whatever is missing, a no-op when installed).
 */
export function resolveTestEnv(): TestEnv {
  const { DOSSIER_NODE24_BIN, DOSSIER_CODE_SERVER_BIN, DOSSIER_CHROMIUM_PATH } = process.env;
  if (DOSSIER_NODE24_BIN && DOSSIER_CODE_SERVER_BIN && DOSSIER_CHROMIUM_PATH) {
    return { node24Bin: DOSSIER_NODE24_BIN, codeServerBin: DOSSIER_CODE_SERVER_BIN, chromiumPath: DOSSIER_CHROMIUM_PATH };
  }
  const script = join(projectRoot(), 'scripts', 'test-env.mjs');
  const result = spawnSync(process.execPath, [script, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`${script} failed (exit ${result.status ?? result.signal})`);
  return JSON.parse(result.stdout) as TestEnv;
}

/** Settings that keep the workbench quiet and deterministic for automation. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  // "off", not false: VS Code 1.139 migrates the boolean by rewriting settings.json, which opens it as a
  // text document that extensions then see.
  'extensions.autoUpdate': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
};

export interface CodeServerOptions {
  env: TestEnv;
  /** Folder to open (passed on the command line and used by folderUrl()). */
  folder: string;
  /** Extra code-server arguments, e.g. ['--vscode-option', 'enable-smoke-test-driver']. */
  args?: string[];
  /** Extra environment for code-server; the extension host inherits it. */
  extraEnv?: Record<string, string>;
  /** Symlink this extension folder (default: none) into the extensions dir, as if it were installed. */
  installExtension?: string;
  /** Settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** code-server's stdout and stderr go here (parent dirs are created). */
  logFile: string;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`, how the browser workbench names files on the server. */
  remoteUri(absPath: string): string;
  /** The workbench URL for the folder, with an optional `payload` (list of [key, value] pairs). */
  folderUrl(payload?: [string, string][]): string;
  /** Kills code-server's whole process group (it leaves a file-watcher child otherwise) and removes its temp dirs. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function extensionFolderName(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/** Environment without the variables that make code-server act as a client of an enclosing VS Code. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  return env;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitForHealthy(origin: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${origin} within ${timeoutMs} ms; see ${logFile}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tempDir = mkdtempSync(join(tmpdir(), 'dossier-cs-'));
  const userDataDir = join(tempDir, 'user-data');
  const extensionsDir = join(tempDir, 'extensions');
  const xdgDir = join(tempDir, 'xdg');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(xdgDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  if (options.installExtension) {
    // VS Code scans <extensions-dir>/<publisher>.<name>-<version>; a symlink installs the working tree as is.
    symlinkSync(options.installExtension, join(extensionsDir, extensionFolderName(options.installExtension)), 'dir');
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.args ?? []),
    options.folder,
  ];
  const child = spawn(options.env.codeServerBin, args, {
    // Own process group, so stop() can kill code-server with all its children.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...cleanEnv(),
      // The launcher is `#!/usr/bin/env node` and needs Node 24.
      PATH: `${options.env.node24Bin}:${process.env.PATH ?? ''}`,
      // Otherwise code-server writes a config file with a password into ~/.config.
      XDG_CONFIG_HOME: join(xdgDir, 'config'),
      XDG_DATA_HOME: join(xdgDir, 'data'),
      ...options.extraEnv,
    },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // A crashing or interrupted test runner must not leave code-server or its temp dirs behind.
  const killOnExit = (): void => {
    killGroup(child, 'SIGKILL');
    rmSync(tempDir, { recursive: true, force: true });
  };
  const exitOnSignal = (signal: NodeJS.Signals): void => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.on('exit', killOnExit);
  process.once('SIGINT', exitOnSignal);
  process.once('SIGTERM', exitOnSignal);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      process.off('SIGINT', exitOnSignal);
      process.off('SIGTERM', exitOnSignal);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        killGroup(child, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      killGroup(child, 'SIGKILL'); // children that outlived the leader
      log.end();
      rmSync(tempDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await waitForHealthy(origin, child, options.logFile, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }

  const remoteUri = (absPath: string): string => `vscode-remote://127.0.0.1:${port}${absPath}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    remoteUri,
    folderUrl: (payload) =>
      `${origin}/?folder=${encodeURIComponent(options.folder)}` +
      (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    stop,
  };
}

/** Headless Chromium with the flags known to work on the build machines (no sandbox as root, no GPU). */
export async function launchChromium(env: TestEnv): Promise<Browser> {
  // Chromium writes crash-report settings under XDG_CONFIG_HOME even with a temp profile; keep ~ clean.
  const configHome = mkdtempSync(join(tmpdir(), 'dossier-chromium-'));
  const browser = await chromium.launch({
    executablePath: env.chromiumPath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: configHome } as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const cleanUp = (): void => {
    process.off('exit', cleanUp);
    rmSync(configHome, { recursive: true, force: true });
  };
  browser.on('disconnected', cleanUp);
  process.on('exit', cleanUp);
  return browser;
}
