import * as assert from 'node:assert';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { getApi, NEWS, openSeed, OPED, rangeKey, seedUri, setSetting, waitFor, type DossierApi } from './helpers';

/** A copy of the news piece with one number changed, so that the workspace holds a conflict whatever else it holds. */
const CHANGED = 'putin-kim-visit-news-changed.txt';

describe('Conflict diagnostics', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    await openSeed(api, NEWS);
    await openSeed(api, OPED);
  });
  afterEach(async () => {
    await setSetting('diagnostics.conflicts', undefined);
  });
  after(async () => {
    // Later suites count the seed documents: the copy must be out of the index again.
    await vscode.workspace.fs.delete(seedUri(CHANGED)).then(undefined, () => undefined);
    await waitFor(() => (api.corpus.get(seedUri(CHANGED).toString()) ? undefined : true), () => `${CHANGED} to leave the index`);
  });

  function dossierDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Dossier');
  }

  function describeDiagnostic(uri: vscode.Uri, d: vscode.Diagnostic): string {
    const related = (d.relatedInformation ?? []).map((r) => rangeKey(r.location.uri, r.location.range)).join(',');
    return `${rangeKey(uri, d.range)} -> ${related}`;
  }

  /** One diagnostic per conflict group the corpus reports for the document, on its claim, pointing at the other's. */
  async function expected(uri: vscode.Uri): Promise<{ keys: string[]; reasons: string[] }> {
    const range = async (document: string, index: number) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(document));
      const claim = api.corpus.get(document)?.claims[index];
      assert.ok(claim, `no claim ${index} in ${document}`);
      return { uri: doc.uri, range: new vscode.Range(doc.positionAt(claim.start), doc.positionAt(claim.end)) };
    };
    const keys: string[] = [];
    const reasons: string[] = [];
    for (const group of api.corpus.claimGroups()) {
      if (group.relation !== 'conflict') continue;
      for (const ref of group.claims) {
        if (ref.document !== uri.toString()) continue;
        const here = await range(ref.document, ref.index);
        const others = await Promise.all(group.claims.filter((c) => c.document !== ref.document).map((c) => range(c.document, c.index)));
        keys.push(`${rangeKey(here.uri, here.range)} -> ${others.map((o) => rangeKey(o.uri, o.range)).join(',')}`);
        reasons.push(group.reason);
      }
    }
    return { keys: keys.sort(), reasons };
  }

  /** Waits until the document's Dossier diagnostics are exactly those the corpus calls for; returns them. */
  async function matchCorpus(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
    let want: string[] = [];
    return waitFor(
      async () => {
        await api.whenIdle();
        want = (await expected(uri)).keys;
        const have = dossierDiagnostics(uri);
        return JSON.stringify(have.map((d) => describeDiagnostic(uri, d)).sort()) === JSON.stringify(want) ? have : undefined;
      },
      () => `diagnostics of ${basename(uri.fsPath)} to be\n  ${want.join('\n  ')}\nnot\n  ${dossierDiagnostics(uri).map((d) => describeDiagnostic(uri, d)).join('\n  ')}`,
    );
  }

  it('reports exactly the conflicts the corpus finds for each seed, and none with the setting off', async () => {
    await setSetting('diagnostics.conflicts', true);
    for (const seed of [NEWS, OPED]) {
      const uri = seedUri(seed);
      const { reasons } = await expected(uri);
      const diagnostics = await matchCorpus(uri);
      for (const d of diagnostics) {
        assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
        assert.match(d.message, /^Dossier: conflicts with \S+: /);
        assert.ok(!d.message.includes('\n'), `a message of more than one line: ${d.message}`);
        assert.ok(reasons.some((r) => d.message.endsWith(r)), `"${d.message}" gives none of the reasons ${JSON.stringify(reasons)}`);
      }
    }
    await setSetting('diagnostics.conflicts', false);
    for (const seed of [NEWS, OPED]) {
      await waitFor(() => (dossierDiagnostics(seedUri(seed)).length === 0 ? true : undefined), () => `no Dossier diagnostics in ${seed} with the setting off`);
    }
  });

  it('reports the conflict a changed number makes, and drops it with the file', async () => {
    await setSetting('diagnostics.conflicts', true);
    const news = new TextDecoder().decode(await vscode.workspace.fs.readFile(seedUri(NEWS)));
    const changed = news.replace('nearly five million artillery shells', 'about one million artillery shells');
    assert.notStrictEqual(changed, news, `${NEWS} no longer says "nearly five million artillery shells"`);
    const uri = seedUri(CHANGED);
    // Written, never opened: the index reads it through its file watcher.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(changed));
    await waitFor(() => api.corpus.get(uri.toString()), () => `${CHANGED} in the index`);
    const diagnostics = await matchCorpus(uri);
    const shells = diagnostics.find((d) => d.relatedInformation?.some((r) => basename(r.location.uri.fsPath) === NEWS && /artillery shells/.test(r.message)));
    assert.ok(shells, `no conflict with ${NEWS} over the shells: ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.ok(shells.message.startsWith(`Dossier: conflicts with ${NEWS}: `), shells.message);
    assert.match((await vscode.workspace.openTextDocument(uri)).getText(shells.range), /about one million artillery shells/);
    await matchCorpus(seedUri(NEWS));

    await vscode.workspace.fs.delete(uri);
    await waitFor(() => (api.corpus.get(uri.toString()) ? undefined : true), () => `${CHANGED} to leave the index`);
    await waitFor(() => (dossierDiagnostics(uri).length === 0 ? true : undefined), () => `the diagnostics of the deleted ${CHANGED} to go`);
    await matchCorpus(seedUri(NEWS));
  });
});
