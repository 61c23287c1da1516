// Security test of what ships: inspects the bundles in dist/ (built by `npm test` before this stage; this test
// builds nothing) and the webview scripts in media/. Module imports come from esbuild's metafile
// (dist/meta.json, written by scripts/build.mjs), cross-checked against the require() calls in the code;
// eval, new Function and network globals are found in the syntax tree, so words in strings or comments
// are no false alarm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const dist = join(root, 'dist');

interface Meta {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
}

function readMeta(): Meta {
  const file = join(dist, 'meta.json');
  assert.ok(existsSync(dist), 'dist/ is missing: run `npm run build` (or `npm test`, which builds) before this test');
  assert.ok(existsSync(file), 'dist/meta.json is missing: dist/ was built by an older scripts/build.mjs; run `npm run build`');
  return JSON.parse(readFileSync(file, 'utf8')) as Meta;
}

const bundles = () => readdirSync(dist).filter((f) => f.endsWith('.js')).sort();

/** The bundles the .vsix ships, from the `!dist/…` lines of .vscodeignore. */
function shipped(): string[] {
  return readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => /^!dist\/(.+\.js)\s*$/.exec(l.trim())?.[1])
    .filter((f): f is string => Boolean(f));
}

const builtin = (path: string) => path.replace(/^node:/, '');

/** Node modules a bundle may import at all; anything else needs a decision and an entry here. */
// zlib: the workspace index keeps the analyses of documents out of use deflated (in memory; no file, no network).
const ALLOWED = new Set(['fs', 'path', 'os', 'crypto', 'readline', 'perf_hooks', 'worker_threads', 'zlib']);
/** Never, anywhere: processes, the network, and code from strings. */
const FORBIDDEN = new Set(['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'module']);
/** The only sources that may start threads: the extension's analysis worker and the CLI's --jsonl pool. */
const WORKER_SOURCES = new Set(['src/extension/workerClient.ts', 'src/extension/analysisWorker.ts', 'src/cli.ts', 'src/cliWorker.ts']);
/**
 * Development tools built into dist/ but never shipped, with what they may use besides: the benchmark starts
 * a fresh Node to time a cold start, and its runner starts threads from bench/ to measure responsiveness.
 */
const DEV_ONLY: Record<string, Set<string>> = { 'bench.js': new Set(['child_process']), 'bench-run.js': new Set() };
const DEV_WORKER_SOURCES = /^bench\//;

test('dist/ has a bundle for every shipped file, and the dev-only bundles are not shipped', () => {
  const meta = readMeta();
  const files = shipped();
  assert.ok(files.includes('extension.js') && files.includes('worker.js'), `.vscodeignore ships ${files.join(', ')}`);
  for (const f of files) {
    assert.ok(existsSync(join(dist, f)), `dist/${f} is missing`);
    assert.ok(meta.outputs[`dist/${f}`], `dist/meta.json does not describe dist/${f}: rebuild`);
  }
  for (const f of Object.keys(DEV_ONLY)) assert.ok(!files.includes(f), `dist/${f} is a development tool and must not ship`);
});

test('bundles import only allowed Node modules: no process, network or vm module; threads only from the analysis workers', () => {
  const meta = readMeta();
  const problems: string[] = [];
  for (const f of bundles()) {
    const output = meta.outputs[`dist/${f}`];
    if (!output) {
      problems.push(`dist/${f} is not in dist/meta.json (stale build?)`);
      continue;
    }
    for (const imp of output.imports) {
      if (!imp.external) continue;
      const name = builtin(imp.path);
      if (name === 'vscode' && (f === 'extension.js' || f === 'worker.js')) continue;
      if (DEV_ONLY[f]?.has(name)) continue;
      if (FORBIDDEN.has(name)) problems.push(`dist/${f} imports ${imp.path}, which is forbidden`);
      else if (!ALLOWED.has(name)) problems.push(`dist/${f} imports ${imp.path}, which is not on the allow-list`);
    }
    // Where each import comes from: worker_threads only from the worker sources.
    for (const input of Object.keys(output.inputs)) {
      for (const imp of meta.inputs[input]?.imports ?? []) {
        if (builtin(imp.path) === 'worker_threads' && !WORKER_SOURCES.has(input) && !(DEV_ONLY[f] && DEV_WORKER_SOURCES.test(input))) problems.push(`${input} (in dist/${f}) imports worker_threads; only ${[...WORKER_SOURCES].join(', ')} may`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** Parses a script; the walk below sees code only, never the inside of strings or comments. */
function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** Whether an identifier is a name being read (not a property name after a dot, a key, or a member declaration). */
function isReference(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return ts.isIdentifier(p.expression) && GLOBAL_OBJECTS.has(p.expression.text);
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node) return false;
  return true;
}

const location = (sf: ts.SourceFile, node: ts.Node) => {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${sf.fileName.slice(root.length + 1)}:${line + 1}:${character + 1}`;
};

/**
 * Code from strings (eval, Function, string timers), dynamic require/import, network globals and, for
 * webview scripts, the sinks that turn a string into HTML or an inline handler.
 */
function dangers(sf: ts.SourceFile, options: { network: boolean; htmlSinks: boolean }): string[] {
  const found: string[] = [];
  const NETWORK = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'RTCPeerConnection']);
  const SINKS = new Set(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'write', 'writeln', 'srcdoc']);
  const calleeName = (e: ts.Expression): string | undefined => {
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && GLOBAL_OBJECTS.has(e.expression.text)) return e.name.text;
    if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
    if (ts.isParenthesizedExpression(e)) return calleeName(e.expression);
    // (0, eval)(…): an indirect eval is still eval.
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) return calleeName(e.right);
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'eval' && isReference(node)) found.push(`${location(sf, node)}: eval`);
    if (options.network && ts.isIdentifier(node) && NETWORK.has(node.text) && isReference(node)) found.push(`${location(sf, node)}: ${node.text}`);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && ['eval', 'Function'].includes(node.argumentExpression.text)) {
      found.push(`${location(sf, node)}: [${JSON.stringify(node.argumentExpression.text)}]`);
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const first = node.arguments?.[0];
      if (name === 'Function') found.push(`${location(sf, node)}: ${ts.isNewExpression(node) ? 'new ' : ''}Function(…)`);
      if ((name === 'setTimeout' || name === 'setInterval') && first && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first))) found.push(`${location(sf, node)}: ${name} with a string`);
      if (ts.isCallExpression(node) && name === 'require' && !(first && ts.isStringLiteral(first))) found.push(`${location(sf, node)}: require of a computed name`);
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push(`${location(sf, node)}: dynamic import()`);
    }
    if (options.htmlSinks && ts.isPropertyAccessExpression(node) && SINKS.has(node.name.text)) found.push(`${location(sf, node)}: .${node.name.text}`);
    if (options.htmlSinks && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute') {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first) && /^on/i.test(first.text)) found.push(`${location(sf, node)}: setAttribute(${JSON.stringify(first.text)}) (an inline handler)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('the detector finds what it looks for, and not words in strings or comments', () => {
  const sample = (code: string) => dangers(ts.createSourceFile(join(root, 'x.js'), code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS), { network: true, htmlSinks: true }).length;
  for (const bad of ['eval("1")', '(0, eval)("1")', 'new Function("return 1")', 'Function("x")()', 'globalThis.eval("1")', 'window["eval"]("1")', 'setTimeout("alert(1)", 1)', 'fetch("https://x")', 'new WebSocket(u)', 'require(name)', 'import(u)', 'el.innerHTML = s', 'el.setAttribute("onclick", s)']) {
    assert.ok(sample(bad) > 0, `missed: ${bad}`);
  }
  for (const fine of ['const s = "eval( new Function( fetch("', '// eval(x) new Function()', 'x.evaluate(1); obj.fetchAll(); o = { eval: 1 }', 'require("node:fs")', 'const t = `fetch(${1})`', '/eval\\(/.test(s)', 'el.textContent = s']) {
    assert.equal(sample(fine), 0, `false alarm: ${fine}`);
  }
});

test('no eval, new Function, string timers, computed require or network globals in any bundle', () => {
  const meta = readMeta();
  const problems: string[] = [];
  for (const f of bundles()) {
    const code = readFileSync(join(dist, f), 'utf8');
    // The text agrees with the metafile: every require() names a module the metafile lists for this bundle.
    const listed = new Set(meta.outputs[`dist/${f}`]?.imports.map((i) => i.path));
    for (const m of code.matchAll(/\brequire\("([^"]+)"\)/g)) if (!listed.has(m[1])) problems.push(`dist/${f}: require("${m[1]}") not in dist/meta.json (stale build?)`);
    problems.push(...dangers(parse(join(dist, f)), { network: true, htmlSinks: false }));
  }
  assert.deepEqual(problems, []);
});

// Namespace names in createElementNS: identifiers, never fetched.
const XML_NAMESPACES = new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/XML/1998/namespace']);

test('webview scripts (media/*.js): no HTML sinks, inline handlers, eval, network calls or remote URLs', () => {
  const scripts = readdirSync(join(root, 'media')).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0, 'no webview script in media/');
  const problems: string[] = [];
  for (const f of scripts) {
    const sf = parse(join(root, 'media', f));
    problems.push(...dangers(sf, { network: true, htmlSinks: true }));
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const url of node.text.match(/(?:https?:|wss?:|ftp:)?\/\/[^\s"'`)]+/gi) ?? []) {
          if (!XML_NAMESPACES.has(url)) problems.push(`${location(sf, node)}: remote URL ${url}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  for (const f of readdirSync(join(root, 'media')).filter((x) => x.endsWith('.css'))) {
    const css = readFileSync(join(root, 'media', f), 'utf8');
    if (/@import|url\(\s*['"]?(?:https?:)?\/\//i.test(css)) problems.push(`media/${f}: loads a remote stylesheet or resource`);
  }
  assert.deepEqual(problems, []);
});
