import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, SEEDS, treeChildren, type DossierApi } from './helpers';

describe('Views', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    await api.whenIdle();
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
});
