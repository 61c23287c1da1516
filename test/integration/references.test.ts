import * as assert from 'node:assert';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { getApi, openSeed, OPED, rangeKey, SEEDS, seedUri, waitFor, type DossierApi } from './helpers';

describe('Find All References', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
    // Only the op-ed open: the news piece's ranges then come from its file, not from an editor.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    await api.whenIdle();
  });

  async function putinAt(): Promise<{ doc: vscode.TextDocument; start: number; end: number; id: string }> {
    const { doc } = await openSeed(api, OPED);
    const mention = api.getDocumentAnalysis(doc.uri)?.entities.find((e) => e.text.includes('Putin'));
    assert.ok(mention, `no "Putin" mention in ${OPED}`);
    const id = api.corpus.entityIdOf(doc.uri.toString(), mention.entity);
    assert.ok(id, `"${mention.text}" is linked to no workspace entity`);
    const start = mention.start + mention.text.indexOf('Putin');
    return { doc, start, end: start + 'Putin'.length, id };
  }

  /** Every mention of the entity in the corpus, as ranges in the documents VS Code opens, each range once. */
  async function expectedKeys(id: string): Promise<string[]> {
    const keys: string[] = [];
    for (const m of api.corpus.mentionsOf(id)) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(m.document));
      keys.push(rangeKey(doc.uri, new vscode.Range(doc.positionAt(m.mention.start), doc.positionAt(m.mention.end))));
    }
    // VS Code merges identical locations, so the expectation does too.
    return [...new Set(keys)].sort();
  }

  it('lists every mention of Vladimir Putin in both seeds, each range a "Putin" mention', async () => {
    const { doc, start, id } = await putinAt();
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(start + 1));
    const files = new Set(locations.map((l) => basename(l.uri.fsPath)));
    for (const seed of SEEDS) assert.ok(files.has(seed), `no reference in ${seed}: ${[...files].join(', ')}`);
    for (const location of locations) {
      const text = (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
      assert.match(text, /^(Vladimir )?Putin$/, `${rangeKey(location.uri, location.range)} is "${text}"`);
    }
    assert.deepStrictEqual(locations.map((l) => rangeKey(l.uri, l.range)).sort(), await expectedKeys(id));
  });

  it('works with the cursor right after the name, and finds nothing off an entity', async () => {
    const { doc, end, id } = await putinAt();
    const after = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(end));
    assert.deepStrictEqual(after.map((l) => rangeKey(l.uri, l.range)).sort(), await expectedKeys(id));
    // Inside a word that neither is nor touches an entity mention.
    const entities = api.getDocumentAnalysis(doc.uri)?.entities ?? [];
    const text = doc.getText();
    const clear = (o: number) => !entities.some((e) => e.start <= o + 1 && o - 1 <= e.end);
    let offset = 1;
    while (offset < text.length && !(/\p{L}/u.test(text.charAt(offset)) && clear(offset))) offset++;
    assert.ok(offset < text.length, 'no word outside the entity mentions');
    const none = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(offset));
    assert.deepStrictEqual(none.map((l) => rangeKey(l.uri, l.range)), [], `references at offset ${offset} ("${text.slice(offset - 10, offset + 10)}")`);
  });

  it('finds the mentions in a file no editor has open, with Windows line ends', async () => {
    const crlf = seedUri('putin-kim-visit-oped-crlf.txt');
    const oped = new TextDecoder().decode(await vscode.workspace.fs.readFile(seedUri(OPED)));
    await vscode.workspace.fs.writeFile(crlf, new TextEncoder().encode(oped.replace(/\r?\n/g, '\r\n')));
    try {
      await waitFor(() => api.corpus.get(crlf.toString()), () => `${basename(crlf.fsPath)} in the index`);
      await api.whenIdle();
      const { doc, start, id } = await putinAt();
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(start));
      assert.ok(locations.some((l) => l.uri.toString() === crlf.toString()), `no reference in ${basename(crlf.fsPath)}`);
      assert.deepStrictEqual(locations.map((l) => rangeKey(l.uri, l.range)).sort(), await expectedKeys(id));
    } finally {
      await vscode.workspace.fs.delete(crlf);
      await waitFor(() => (api.corpus.get(crlf.toString()) ? undefined : true), () => `${basename(crlf.fsPath)} to leave the index`);
    }
  });
});
