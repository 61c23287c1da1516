import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getIndexedApi, NEWS, OPED, openSeed, setSetting, waitFor, type DossierApi } from './helpers';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

describe('Summary CodeLens', () => {
  let api: DossierApi;
  before(async () => {
    api = await getIndexedApi();
  });
  afterEach(async () => {
    await setSetting('codeLens.enabled', undefined);
    await setSetting('claims.minimumScore', undefined);
  });

  /** The title the counts of the core's analysis and corpus call for, under the current settings. */
  function expectedTitle(uri: vscode.Uri): string {
    const analysis = api.getDocumentAnalysis(uri);
    assert.ok(analysis, `no analysis for ${uri.toString()}`);
    const config = vscode.workspace.getConfiguration('dossier');
    const types = config.get<string[]>('entityTypes', []);
    const minimum = config.get<number>('claims.minimumScore', 0.5);
    const kinds = config.get<string[]>('claims.kinds', []);
    const entities = analysis.documentEntities.filter((e) => types.includes(e.type)).length;
    const claims = analysis.claims.filter((c) => c.score >= minimum && kinds.includes(c.kind)).length;
    const conflicts = api.corpus.claimGroups().filter((g) => g.relation === 'conflict' && g.claims.some((c) => c.document === uri.toString())).length;
    return `Dossier: ${plural(entities, 'entity', 'entities')} · ${plural(claims, 'claim', 'claims')} · ${plural(conflicts, 'conflict', 'conflicts')}`;
  }

  async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
    return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  }

  async function dossierLens(uri: vscode.Uri): Promise<vscode.CodeLens | undefined> {
    return (await lenses(uri)).find((l) => l.command?.title.startsWith('Dossier:'));
  }

  for (const seed of [NEWS, OPED]) {
    it(`shows the entity, claim and conflict counts of ${seed} at line 0`, async () => {
      const { doc } = await openSeed(api, seed);
      const lens = await waitFor(
        async () => {
          const l = await dossierLens(doc.uri);
          return l?.command?.title === expectedTitle(doc.uri) ? l : undefined;
        },
        () => `a lens titled "${expectedTitle(doc.uri)}"`,
      );
      assert.strictEqual(lens.range.start.line, 0);
      assert.strictEqual(lens.command?.command, 'workbench.view.extension.dossier');
    });
  }

  it('counts the claims the settings show', async () => {
    const { doc } = await openSeed(api, NEWS);
    await setSetting('claims.minimumScore', 0);
    const title = expectedTitle(doc.uri);
    await waitFor(
      async () => ((await dossierLens(doc.uri))?.command?.title === title ? true : undefined),
      () => `the lens to say "${title}" with a minimum score of 0`,
    );
  });

  it('is gone when dossier.codeLens.enabled is false', async () => {
    const { doc } = await openSeed(api, NEWS);
    await waitFor(async () => await dossierLens(doc.uri), () => 'the Dossier lens before turning it off');
    await setSetting('codeLens.enabled', false);
    await waitFor(
      async () => ((await lenses(doc.uri)).length === 0 ? true : undefined),
      () => 'no lenses with dossier.codeLens.enabled false',
    );
  });
});
