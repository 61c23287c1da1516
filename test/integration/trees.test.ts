import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getIndexedApi, OPED, openSeed, SEEDS, treeChildren, waitFor, type DossierApi } from './helpers';

describe('Views', () => {
  let api: DossierApi;
  before(async () => {
    api = await getIndexedApi();
  });

  it('groups workspace entities by type and lists the documents of Vladimir Putin', async () => {
    const provider = api.treeProviders.entities;
    const groups = await treeChildren(provider);
    const labels = groups.map((g) => g.label);
    for (const wanted of ['People', 'Places']) assert.ok(labels.includes(wanted), `no "${wanted}" group in ${JSON.stringify(labels)}`);

    const people = groups.find((g) => g.label === 'People');
    const entities = await treeChildren(provider, people?.element);
    const putin = entities.find((e) => e.label === 'Vladimir Putin');
    assert.ok(putin, `no "Vladimir Putin" under People: ${JSON.stringify(entities.map((e) => e.label))}`);
    const documents = (await treeChildren(provider, putin.element)).map((d) => d.label);
    for (const seed of SEEDS) assert.ok(documents.includes(seed), `Vladimir Putin lacks ${seed}: ${JSON.stringify(documents)}`);
  });

  it('lists one claims item per seed document', async () => {
    const labels = (await treeChildren(api.treeProviders.claims)).map((d) => d.label).sort();
    assert.deepStrictEqual(labels, [...SEEDS].sort());
  });

  it('the Cross-References view follows the cursor from entity to entity', async () => {
    const { doc, editor } = await openSeed(api, OPED);
    const analysis = api.getDocumentAnalysis(doc.uri);
    assert.ok(analysis, `no analysis for ${OPED}`);
    // A place first, then Putin: whatever an earlier test focused, the view has to move twice.
    const place = analysis.entities.find((m) => m.type === 'place');
    const putin = analysis.entities.find((m) => m.text.includes('Putin'));
    assert.ok(place && putin, `${OPED} needs a place and a "Putin" mention`);
    for (const mention of [place, putin]) {
      const id = api.corpus.entityIdOf(doc.uri.toString(), mention.entity);
      const name = id ? api.corpus.entity(id)?.name : undefined;
      assert.ok(name, `"${mention.text}" is linked to no workspace entity`);
      const at = doc.positionAt(mention.start + 1);
      editor.selection = new vscode.Selection(at, at);
      await waitFor(
        async () => ((await treeChildren(api.treeProviders.crossReferences))[0]?.label === name ? true : undefined),
        () => `the Cross-References view to show ${name} after the cursor moved onto "${mention.text}"`,
      );
    }
  });
});
