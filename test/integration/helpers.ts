// Shared by the integration tests (each test file bundles its own copy, so keep this stateless).
import * as assert from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dossier.dossier';
export const SEEDS = ['putin-kim-visit-news.txt', 'putin-kim-visit-oped.txt'] as const;
export const OPED = 'putin-kim-visit-oped.txt';
export const NEWS = 'putin-kim-visit-news.txt';

// The extension's public API, as returned by activate(). A type-only import: the extension itself is loaded
// by VS Code, never bundled into the tests.
import type { DossierApi } from '../../src/extension/extension';
export type { DossierApi };

export function extension(): vscode.Extension<DossierApi> {
  const ext = vscode.extensions.getExtension<DossierApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export async function getApi(): Promise<DossierApi> {
  const api = await extension().activate();
  assert.ok(api && typeof api.whenIdle === 'function', 'activate() did not return the Dossier API');
  return api;
}

/** The API once the whole workspace is indexed: what most suites start from. */
export async function getIndexedApi(): Promise<DossierApi> {
  const api = await getApi();
  await vscode.commands.executeCommand('dossier.analyzeWorkspace');
  await api.whenIdle();
  return api;
}

/** The temp workspace the runner created (the runners pass it by env; the open folder otherwise). */
export function workspaceDir(): string {
  const dir = process.env.DOSSIER_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(dir, 'no workspace folder: set DOSSIER_TEST_WORKSPACE or open a folder');
  return dir;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.file(join(workspaceDir(), name));
}

/** Opens a seed in an editor and waits until Dossier has analyzed it. */
export async function openSeed(api: DossierApi, name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(seedUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  await api.whenIdle();
  return { doc, editor };
}

/** Polls until `probe` returns a value (decorations and views update asynchronously). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Rejects if `work` has not settled in time: a command that waits for user input must fail, not hang the suite. */
export async function settle<T>(work: Thenable<T>, what: string, timeoutMs = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${timeoutMs} ms (waiting for input?)`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function treeLabel(provider: vscode.TreeDataProvider<unknown>, element: unknown): Promise<string> {
  const item = await provider.getTreeItem(element);
  const label = typeof item.label === 'string' ? item.label : item.label?.label;
  return label ?? '';
}

export async function treeChildren(provider: vscode.TreeDataProvider<unknown>, element?: unknown): Promise<{ element: unknown; label: string }[]> {
  const children = (await provider.getChildren(element)) ?? [];
  return Promise.all(children.map(async (child) => ({ element: child, label: await treeLabel(provider, child) })));
}

/** Text of a hover's contents, whatever form (MarkdownString, MarkedString) they come in. */
export function hoverText(hover: vscode.Hover): string {
  return hover.contents
    .map((part) => (typeof part === 'string' ? part : part.value))
    .join('\n');
}

/** Sets a Dossier user setting; undefined resets it to its default. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dossier').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A range as text, for messages and set comparisons. */
export function rangeKey(uri: vscode.Uri, range: vscode.Range): string {
  return `${uri.toString()}#${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
