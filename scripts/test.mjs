#!/usr/bin/env node
// Runs the test stages: node scripts/test.mjs [unit|robustness|integration|e2e]  (no argument: all, in order,
// stopping at the first failing stage). Builds once first. Integration runs in desktop VS Code through
// @vscode/test-electron where available, else in code-server; set DOSSIER_VSCODE=electron|code-server to choose.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestEnv } from './test-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAGES = ['unit', 'robustness', 'integration', 'e2e'];

function banner(text) {
  const line = '='.repeat(72);
  console.log(`\n${line}\n  ${text}\n${line}`);
}

/** Runs node with the given arguments in the project root; returns its exit code. */
function node(args, env = process.env) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      const file = join(dir, command);
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Environment for the runners, with the tool paths resolved here so they need not resolve them again. */
function testEnv() {
  const { node24Bin, codeServerBin, chromiumPath } = ensureTestEnv();
  return {
    ...process.env,
    DOSSIER_NODE24_BIN: node24Bin,
    DOSSIER_CODE_SERVER_BIN: codeServerBin,
    DOSSIER_CHROMIUM_PATH: chromiumPath,
  };
}

/** node --test over out/test/<stage>; `extra` are more runner options. */
function nodeTests(stage, extra = []) {
  const files = listFiles(join(root, 'out', 'test', stage), '.test.js');
  if (files.length === 0) {
    console.log(`no ${stage} tests found under out/test/${stage}`);
    console.log('0 passed, 0 failed');
    return 0;
  }
  return node([
    '--enable-source-maps',
    '--test',
    ...extra,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'test', 'support', 'summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ]);
}

const unit = () => nodeTests('unit');
// The timeout ends a file that hangs (a sync loop no in-test timer can stop): generous, and longer with DOSSIER_FUZZ_MS.
const robustness = () => nodeTests('robustness', [`--test-timeout=${300_000 + 2 * (Number(process.env.DOSSIER_FUZZ_MS) || 0)}`]);

function integrationRunner() {
  const choice = process.env.DOSSIER_VSCODE;
  if (choice && choice !== 'electron' && choice !== 'code-server') {
    throw new Error(`DOSSIER_VSCODE must be "electron" or "code-server", not "${choice}"`);
  }
  if (choice) return choice;
  // A desktop VS Code install means a machine that can also download one for @vscode/test-electron.
  return onPath('code') ? 'electron' : 'code-server';
}

function integration() {
  const runner = integrationRunner();
  console.log(`runner: ${runner} (set DOSSIER_VSCODE=electron|code-server to choose)`);
  if (runner === 'electron') return node([join(root, 'out', 'test', 'integration', 'runElectron.js')]);
  return node(['--enable-source-maps', join(root, 'out', 'test', 'integration', 'runCodeServer.js')], testEnv());
}

function e2e() {
  return node(['--enable-source-maps', join(root, 'out', 'test', 'e2e', 'run.js')], testEnv());
}

const RUNNERS = { unit, robustness, integration, e2e };

function main() {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((s) => !STAGES.includes(s));
  if (unknown.length) {
    console.error(`unknown stage(s): ${unknown.join(', ')}; usage: node scripts/test.mjs [${STAGES.join('|')}]...`);
    return 2;
  }
  const stages = requested.length ? STAGES.filter((s) => requested.includes(s)) : STAGES;

  banner('build: node scripts/build.mjs --tests');
  if (node([join(root, 'scripts', 'build.mjs'), '--tests']) !== 0) {
    console.error('build failed');
    return 1;
  }
  for (const stage of stages) {
    banner(`${stage} tests`);
    const started = Date.now();
    let code;
    try {
      code = RUNNERS[stage]();
    } catch (err) {
      console.error(`${stage}: ${err instanceof Error ? err.message : err}`);
      code = 1;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (code !== 0) {
      console.error(`\n${stage} tests FAILED (exit code ${code}, ${seconds} s)`);
      return code || 1;
    }
    console.log(`\n${stage} tests passed (${seconds} s)`);
  }
  return 0;
}

process.exitCode = main();
