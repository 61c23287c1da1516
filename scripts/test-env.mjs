#!/usr/bin/env node
// Installs, once, everything the integration and e2e suites need and caches it under .cache/:
// Chromium (Debian package), Node 24 (code-server's runtime) and code-server (real VS Code from npm).
// Desktop VS Code cannot be downloaded on the build machines, so code-server stands in for it.
//
//   node scripts/test-env.mjs          progress on stderr, the resolved paths on stdout
//   node scripts/test-env.mjs --json   the same paths as one JSON object on stdout
//
// Only the npm registry and Debian packages are needed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
// code-server 4.139.x requires this Node major (see its package.json engines); bump both together.
export const NODE_MAJOR = 24;
export const CHROMIUM_PATH = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
const APT_COMMAND = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(projectRoot, '.cache');
const node24Dir = join(cacheDir, 'node24');
const codeServerDir = join(cacheDir, 'cs');
// npm's `node` package ships the real binary as a per-platform dependency.
const nodePlatformDir = join(node24Dir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const node24Bin = join(nodePlatformDir, 'bin');
const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
// Written last after a verified install, so a half-finished install is never mistaken for a good one.
const MARKER = '.dossier-installed';

/** Progress goes to stderr so that stdout stays machine-readable. */
function say(message) {
  process.stderr.write(`[test-env] ${message}\n`);
}

function readMarker(dir) {
  try {
    return readFileSync(join(dir, MARKER), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Runs a command with its output captured to a log file; on failure throws with the log's tail. */
function runLogged(command, args, { env = process.env, logFile, cwd = projectRoot } = {}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  let result;
  try {
    result = spawnSync(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (result.error || result.status !== 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    throw new Error(`${command} ${args.join(' ')} failed (${why}); last lines of ${logFile}:\n${log}`);
  }
}

function ensureAptPackages() {
  // File checks rather than dpkg-query keep the already-installed path instant.
  const missing = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (!existsSync('/usr/include/krb5.h')) missing.push('libkrb5-dev'); // needed to build code-server's kerberos addon
  if (missing.length === 0) return;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `missing system packages: ${missing.join(', ')}. Install them as root on Debian/Ubuntu with:\n  ${APT_COMMAND}`,
    );
  }
  say(`installing Debian packages ${APT_PACKAGES.join(' ')} (missing: ${missing.join(', ')}) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = join(cacheDir, 'apt.log');
  runLogged('apt-get', ['update'], { env, logFile });
  runLogged('apt-get', ['install', '-y', ...APT_PACKAGES], { env, logFile });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is missing`);
  say('Debian packages installed');
}

/** npm's environment for installs whose packages need their install scripts (node's preinstall, code-server's postinstall). */
function npmEnv(extra = {}) {
  // Under `npm test` the parent npm exports its config (npm_config_user_agent names Node 20, which
  // code-server's postinstall checks) and lifecycle variables; the nested install must start clean.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'),
  );
  return {
    ...inherited,
    // npm 11 skips dependency install scripts unless allowed; both packages below are useless without them.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

function nodeVersion(bin) {
  const result = spawnSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function ensureNode24() {
  const wanted = `node@${NODE_MAJOR}`;
  const marker = readMarker(node24Dir);
  if (marker?.startsWith(`${wanted} `) && existsSync(join(node24Bin, 'node'))) return;
  say(`installing ${wanted} into ${node24Dir} (log: .cache/node24.log) ...`);
  rmSync(node24Dir, { recursive: true, force: true });
  mkdirSync(node24Dir, { recursive: true });
  runLogged('npm', ['install', '--prefix', node24Dir, '--no-save', wanted], {
    env: npmEnv(),
    logFile: join(cacheDir, 'node24.log'),
  });
  const version = nodeVersion(node24Bin);
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) {
    throw new Error(`Node ${NODE_MAJOR} install did not produce a working ${join(node24Bin, 'node')} (got ${version ?? 'nothing'})`);
  }
  writeFileSync(join(node24Dir, MARKER), `${wanted} ${version}\n`);
  say(`Node ${version} ready`);
}

function ensureCodeServer() {
  const wanted = `code-server@${CODE_SERVER_VERSION}`;
  if (readMarker(codeServerDir) === wanted && existsSync(codeServerBin)) return;
  say(`installing ${wanted} into ${codeServerDir} (about 2 minutes, ~620 MB; log: .cache/cs.log) ...`);
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  // Node 24 first on PATH: code-server's install scripts and launcher need it. nodedir makes node-gyp build the
  // native addons against Node 24's headers instead of the machine's npmrc nodedir (Node 20).
  const env = npmEnv({ PATH: `${node24Bin}:${process.env.PATH ?? ''}`, npm_config_nodedir: nodePlatformDir });
  runLogged('npm', ['install', '--prefix', codeServerDir, '--no-save', wanted], { env, logFile: join(cacheDir, 'cs.log') });
  // Smoke-check the launcher; XDG_CONFIG_HOME keeps it from writing a config file into ~/.config.
  const scratch = mkdtempSync(join(tmpdir(), 'dossier-cs-check-'));
  try {
    const check = spawnSync(codeServerBin, ['--version'], {
      encoding: 'utf8',
      env: { ...env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch },
    });
    if (check.status !== 0 || !check.stdout.includes(CODE_SERVER_VERSION)) {
      throw new Error(`${codeServerBin} --version failed:\n${check.stdout}${check.stderr}`);
    }
    say(`code-server ready: ${check.stdout.trim().split('\n').pop()}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(join(codeServerDir, MARKER), `${wanted}\n`);
}

/**
 * Makes sure Chromium, Node 24 and code-server are installed; a quick no-op when they are.
 * @returns {{ node24Bin: string, codeServerBin: string, chromiumPath: string }}
 */
export function ensureTestEnv() {
  mkdirSync(cacheDir, { recursive: true });
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  const installedNode = readMarker(node24Dir)?.split(' ')[1] ?? `${NODE_MAJOR}`;
  say(`ready: code-server ${CODE_SERVER_VERSION}, Node ${installedNode}, Chromium ${CHROMIUM_PATH}`);
  return { node24Bin, codeServerBin, chromiumPath: CHROMIUM_PATH };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensureTestEnv();
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(paths)}\n`);
    } else {
      for (const [key, value] of Object.entries(paths)) process.stdout.write(`${key}=${value}\n`);
    }
  } catch (err) {
    say(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
