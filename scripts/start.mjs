#!/usr/bin/env node
// `npm start`: builds Dossier, then opens the seed articles in VS Code with Dossier loaded. Desktop VS Code
// (`code` on PATH) gets --extensionDevelopmentPath; otherwise the pinned code-server is started on
// 127.0.0.1 (installed under .cache/ by scripts/test-env.mjs) and its URL printed.
//   DOSSIER_PORT=8080  port for code-server      DOSSIER_FOLDER=seeds  folder to open
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(root, process.env.DOSSIER_FOLDER ?? 'seeds');
const port = Number(process.env.DOSSIER_PORT ?? 8080);

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
if (which.status === 0 && which.stdout.trim()) {
  console.log(`Opening ${folder} in VS Code with Dossier loaded from ${root}`);
  const code = spawnSync(which.stdout.trim(), ['--extensionDevelopmentPath', root, folder], { stdio: 'inherit' });
  process.exit(code.status ?? 0);
}

const { ensureTestEnv } = await import('./test-env.mjs');
const env = ensureTestEnv();
const state = join(root, '.cache', 'start');
const extensionsDir = join(state, 'extensions');
const userDataDir = join(state, 'user-data');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const link = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
mkdirSync(extensionsDir, { recursive: true });
mkdirSync(join(userDataDir, 'User'), { recursive: true });
rmSync(link, { force: true, recursive: false });
symlinkSync(root, link, 'dir');
const settings = join(userDataDir, 'User', 'settings.json');
if (!existsSync(settings)) {
  writeFileSync(settings, `${JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false }, null, 2)}\n`);
}

const args = [
  '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder,
];
const child = spawn(env.codeServerBin, args, {
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
  env: { ...process.env, PATH: `${env.node24Bin}${delimiter}${process.env.PATH}`, XDG_CONFIG_HOME: join(state, 'xdg-config'), XDG_DATA_HOME: join(state, 'xdg-data') },
});
child.stdout.on('data', (chunk) => process.stdout.write(chunk));
console.log(`\nDossier is running in VS Code (code-server). Open this URL in a browser:\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}\n\nPress Ctrl+C to stop.\n`);
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
