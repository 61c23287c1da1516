// The sidebar's view choices (grouping, sorting, filters, follow editor), badges, context-menu commands, lean
// mode, highlight styles and the walkthrough.
import * as assert from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ViewState } from '../../src/extension/viewState';
import { extension, getIndexedApi, NEWS, OPED, openSeed, SEEDS, setSetting, treeChildren, treeLabel, waitFor, workspaceDir, type DossierApi } from './helpers';

type Node = { kind: string; [key: string]: unknown };

describe('View choices, follow editor, lean mode, walkthrough', () => {
  let api: DossierApi;
  before(async () => {
    api = await getIndexedApi();
  });
  afterEach(async () => {
    await api.views.state.reset();
    await setSetting('leanMode', undefined);
    await setSetting('highlights.style', undefined);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const entities = () => api.treeProviders.entities;
  const claims = () => api.treeProviders.claims;

  async function item(provider: vscode.TreeDataProvider<unknown>, element: unknown): Promise<vscode.TreeItem> {
    return provider.getTreeItem(element);
  }

  it('groups entities by document and back by type from the view-title toggle', async () => {
    await vscode.commands.executeCommand('dossier.entities.groupByDocument');
    assert.strictEqual(api.views.state.choices.entityGrouping, 'document');
    const documents = await treeChildren(entities());
    assert.deepStrictEqual(documents.map((d) => d.label).sort(), [...SEEDS].sort());
    const oped = documents.find((d) => d.label === OPED);
    const inOped = await treeChildren(entities(), oped?.element);
    const putin = inOped.find((e) => e.label === 'Vladimir Putin');
    assert.ok(putin, `no Vladimir Putin under ${OPED}: ${JSON.stringify(inOped.map((e) => e.label))}`);
    assert.strictEqual((await item(entities(), putin.element)).contextValue, 'entity');
    // Its children are its mentions in that document only.
    const mentions = await treeChildren(entities(), putin.element);
    assert.ok(mentions.length > 0 && mentions.every((m) => (m.element as Node).document === (oped?.element as Node).document), 'mentions of another document');
    assert.strictEqual((await item(entities(), mentions[0].element)).contextValue, 'mention');
    assert.strictEqual(entities().getParent?.(mentions[0].element), putin.element, 'a mention’s parent is the entity under its document');

    await vscode.commands.executeCommand('dossier.entities.groupByType');
    const groups = (await treeChildren(entities())).map((g) => g.label);
    assert.ok(groups.includes('People') && groups.includes('Places'), JSON.stringify(groups));
  });

  it('sorts entities by name or by mention count', async () => {
    const people = async () => {
      const group = (await treeChildren(entities())).find((g) => g.label === 'People');
      return Promise.all((await treeChildren(entities(), group?.element)).map(async (e) => ({ label: e.label, id: String((e.element as Node).id) })));
    };
    await vscode.commands.executeCommand('dossier.entities.sortByName');
    const byName = (await people()).map((p) => p.label);
    assert.deepStrictEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));

    await vscode.commands.executeCommand('dossier.entities.sortByMentions');
    const counts = (await people()).map((p) => api.corpus.entity(p.id)?.mentions ?? -1);
    assert.ok(counts.length > 2, 'too few people to tell orders apart');
    assert.deepStrictEqual(counts, [...counts].sort((a, b) => b - a), 'not by mention count, most first');
  });

  it('filters entities by name or alias, any case, and shows the filter in the view description', async () => {
    await vscode.commands.executeCommand('dossier.entities.filter', 'PUTIN');
    assert.strictEqual(api.views.entities.description, 'filter: PUTIN');
    const groups = await treeChildren(entities());
    const listed = (await Promise.all(groups.map((g) => treeChildren(entities(), g.element)))).flat().map((e) => e.label);
    assert.ok(listed.includes('Vladimir Putin'), JSON.stringify(listed));
    assert.ok(!listed.includes('Kim Jong Un') && !listed.includes('North Korea'), `unrelated entities listed: ${JSON.stringify(listed)}`);
    // The badge still counts the workspace, not the filter.
    const enabled = vscode.workspace.getConfiguration('dossier').get<string[]>('entityTypes', []);
    assert.strictEqual(api.views.entities.badge?.value, api.corpus.entities().filter((e) => enabled.includes(e.type)).length);

    await vscode.commands.executeCommand('dossier.entities.filter', 'zzqx no such name');
    assert.deepStrictEqual(await treeChildren(entities()), []);
    assert.match(api.views.entities.message ?? '', /No entity matches/);

    await vscode.commands.executeCommand('dossier.entities.clearFilter');
    assert.strictEqual(api.views.entities.description, undefined);
    assert.strictEqual(api.views.entities.message, undefined);
    assert.ok((await treeChildren(entities())).length > 2);
  });

  it('remembers the choices in workspace state, and ignores stored values it does not know', async () => {
    const store = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...store.keys()],
      get: <T>(key: string, fallback?: T) => (store.has(key) ? (store.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void store.set(key, value),
    };
    const first = new ViewState(memento);
    await first.update({ entityGrouping: 'document', entitySorting: 'name', entityFilter: 'kim', claimGrouping: 'kind', claimMinimumScore: 0.7, claimStatus: 'disputed', followEditor: false });
    const reloaded = new ViewState(memento);
    assert.deepStrictEqual(reloaded.choices, first.choices);
    store.set('dossier.viewState', { entityGrouping: 'sideways', claimMinimumScore: 'high', followEditor: 'yes', entityFilter: 42 });
    const defaults = new ViewState(memento).choices;
    assert.deepStrictEqual(defaults, { entityGrouping: 'type', entitySorting: 'mentions', entityFilter: '', claimGrouping: 'document', claimMinimumScore: undefined, claimStatus: 'all', followEditor: true });
    store.set('dossier.viewState', 'garbage');
    assert.strictEqual(new ViewState(memento).choices.followEditor, true);
    first.dispose();
    reloaded.dispose();
  });

  /** Every claim the Claims view lists, whatever the grouping. */
  async function listedClaims(): Promise<{ document: string; index: number; description: string }[]> {
    const out: { document: string; index: number; description: string }[] = [];
    for (const top of await treeChildren(claims())) {
      for (const child of await treeChildren(claims(), top.element)) {
        const node = child.element as Node;
        out.push({ document: String(node.document), index: Number(node.index), description: String((await item(claims(), node)).description ?? '') });
      }
    }
    return out;
  }

  it('groups claims by kind', async () => {
    const byDocument = await listedClaims();
    await vscode.commands.executeCommand('dossier.claims.groupByKind');
    const kinds = await treeChildren(claims());
    const titles: Record<string, string> = { Facts: 'fact', Quotes: 'quote', Opinions: 'opinion', Predictions: 'prediction' };
    assert.ok(kinds.length > 0 && kinds.every((k) => k.label in titles), JSON.stringify(kinds.map((k) => k.label)));
    for (const kind of kinds) {
      for (const c of await treeChildren(claims(), kind.element)) {
        const node = c.element as Node;
        const claim = api.corpus.get(String(node.document))?.claims[Number(node.index)];
        assert.strictEqual(claim?.kind, titles[kind.label], `"${c.label}" is under ${kind.label}`);
        assert.strictEqual(claims().getParent?.(node), kind.element);
      }
    }
    const byKind = await listedClaims();
    const key = (c: { document: string; index: number }) => `${c.document}#${c.index}`;
    assert.deepStrictEqual(byKind.map(key).sort(), byDocument.map(key).sort(), 'the same claims either way');
    assert.strictEqual(api.views.claims.badge?.value, byKind.length);
  });

  it('filters claims by minimum score', async () => {
    const all = await listedClaims();
    await vscode.commands.executeCommand('dossier.claims.filterByScore', 0.8);
    const high = await listedClaims();
    assert.ok(high.length < all.length, `the 0.8 filter hid nothing (${all.length} claims)`);
    for (const c of high) assert.ok((api.corpus.get(c.document)?.claims[c.index].score ?? 0) >= 0.8);
    assert.strictEqual(api.views.claims.description, 'score ≥ 0.80');
    assert.strictEqual(api.views.claims.badge?.value ?? 0, high.length);
    await vscode.commands.executeCommand('dossier.claims.filterByScore', 'setting');
    assert.strictEqual((await listedClaims()).length, all.length);
    assert.strictEqual(api.views.claims.description, undefined);
  });

  it('filters claims by the status curation gives them, and shows the status', async () => {
    const all = await listedClaims();
    assert.ok(all.length >= 3);
    const [disputed, verified] = all;
    const fake = (document: string, index: number) =>
      document === disputed.document && index === disputed.index ? 'disputed' : document === verified.document && index === verified.index ? 'verified' : undefined;
    const previous = api.views.setClaimStatusOf(fake);
    try {
      await vscode.commands.executeCommand('dossier.claims.filterByStatus', 'disputed');
      const shown = await listedClaims();
      assert.deepStrictEqual(shown.map((c) => [c.document, c.index]), [[disputed.document, disputed.index]]);
      assert.match(shown[0].description, /^disputed · /);
      assert.strictEqual(api.views.claims.description, 'disputed');

      await vscode.commands.executeCommand('dossier.claims.filterByStatus', 'unmarked');
      assert.strictEqual((await listedClaims()).length, all.length - 2);

      await vscode.commands.executeCommand('dossier.claims.filterByStatus', 'false');
      assert.deepStrictEqual(await listedClaims(), []);
      assert.match(api.views.claims.message ?? '', /No claim matches/);

      await vscode.commands.executeCommand('dossier.claims.clearFilter');
      assert.strictEqual((await listedClaims()).length, all.length);
      // A status supplier that throws does not break the view.
      api.views.setClaimStatusOf(() => {
        throw new Error('annotations unreadable');
      });
      assert.strictEqual((await listedClaims()).length, all.length);
    } finally {
      api.views.setClaimStatusOf(previous);
    }
  });

  it('follows the editor: the Entities and Claims views select the item under the cursor', async () => {
    const { doc } = await openSeed(api, OPED);
    await vscode.commands.executeCommand('dossier.entities.focus');
    await vscode.commands.executeCommand('dossier.claims.focus');
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(() => (api.views.entities.visible && api.views.claims.visible ? true : undefined), () => 'the Entities and Claims views to be visible');
    const analysis = api.getDocumentAnalysis(doc.uri);
    const putin = analysis?.entities.find((m) => m.text.includes('Putin') && analysis.claims.some((c) => c.start <= m.start && m.end <= c.end && c.score >= 0.5));
    assert.ok(analysis && putin, `${OPED} needs a "Putin" inside a claim shown`);
    const claimIndex = analysis.claims.findIndex((c) => c.start <= putin.start && putin.start < c.end);
    const at = doc.positionAt(putin.start + 1);
    editor.selection = new vscode.Selection(at, at);
    await waitFor(
      async () => {
        const selected = api.views.entities.selection[0];
        return selected && (await treeLabel(entities(), selected)) === 'Vladimir Putin' ? true : undefined;
      },
      () => `Vladimir Putin selected in the Entities view (selected: ${JSON.stringify(api.views.entities.selection)})`,
    );
    await waitFor(
      () => {
        const selected = api.views.claims.selection[0] as Node | undefined;
        return selected?.document === doc.uri.toString() && selected.index === claimIndex ? true : undefined;
      },
      () => `claim ${claimIndex} selected in the Claims view (selected: ${JSON.stringify(api.views.claims.selection)})`,
    );
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the editor kept the focus');
    assert.ok((api.views.crossReferences.badge?.value ?? 0) > 0, 'no badge on the Cross-References view');

    // Turned off, nothing follows: not the Entities view, not the Cross-References view.
    await vscode.commands.executeCommand('dossier.followEditor.disable');
    const place = analysis.entities.find((m) => m.type === 'place');
    assert.ok(place);
    const placeAt = doc.positionAt(place.start + 1);
    editor.selection = new vscode.Selection(placeAt, placeAt);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.strictEqual(await treeLabel(entities(), api.views.entities.selection[0]), 'Vladimir Putin');
    assert.strictEqual(await treeLabel(api.treeProviders.crossReferences, (await api.treeProviders.crossReferences.getChildren())?.[0]), 'Vladimir Putin');
    await vscode.commands.executeCommand('dossier.followEditor.enable');
  });

  it('context-menu commands: Copy Name, Copy Claim Text, Open, Show Cross-References', async () => {
    const people = (await treeChildren(entities())).find((g) => g.label === 'People');
    const putin = (await treeChildren(entities(), people?.element)).find((e) => e.label === 'Vladimir Putin');
    assert.ok(putin);
    await vscode.commands.executeCommand('dossier.entities.copyName', putin.element);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'Vladimir Putin');

    const firstDoc = (await treeChildren(claims()))[0];
    const claim = (await treeChildren(claims(), firstDoc.element))[0].element as Node;
    assert.strictEqual((await item(claims(), claim)).contextValue, 'claim');
    await vscode.commands.executeCommand('dossier.claims.copyText', claim);
    const text = api.corpus.get(String(claim.document))?.claims[Number(claim.index)].text;
    assert.strictEqual(await vscode.env.clipboard.readText(), text);

    await vscode.commands.executeCommand('dossier.claims.open', claim);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === claim.document ? vscode.window.activeTextEditor : undefined), () => `${String(claim.document)} opened`);
    assert.strictEqual(editor.document.getText(editor.selection), text);

    await vscode.commands.executeCommand('dossier.entities.showCrossReferences', putin.element);
    assert.strictEqual(await treeLabel(api.treeProviders.crossReferences, (await api.treeProviders.crossReferences.getChildren())?.[0]), 'Vladimir Putin');
    const mentions = api.corpus.mentionsOf(String((putin.element as Node).id)).length;
    assert.strictEqual(api.views.crossReferences.badge?.value, mentions);

    // Every item command the menus name exists.
    const menus = extension().packageJSON.contributes.menus['view/item/context'] as { command: string }[];
    const commands = await vscode.commands.getCommands(true);
    for (const m of menus) assert.ok(commands.includes(m.command), `${m.command} is not registered`);
  });

  it('lean mode highlights and tops with a CodeLens only the active editor', async () => {
    const news = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(join(workspaceDir(), NEWS)), { viewColumn: vscode.ViewColumn.One, preview: false });
    const oped = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(join(workspaceDir(), OPED)), { viewColumn: vscode.ViewColumn.Two, preview: false });
    await api.whenIdle();
    const drawn = (e: vscode.TextEditor) => Object.values(api.getDecorationSummary(e)).reduce((a, b) => a + b, 0);
    await waitFor(() => (drawn(news) > 0 && drawn(oped) > 0 ? true : undefined), () => 'highlights in both editors');
    await setSetting('leanMode', true);
    await waitFor(() => (drawn(news) === 0 && drawn(oped) > 0 ? true : undefined), () => `highlights only in the active editor: ${JSON.stringify(api.getDecorationSummary(news))}`);
    const lens = async (uri: vscode.Uri) =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).some((l) => l.command?.title.startsWith('Dossier:'));
    assert.strictEqual(await lens(news.document.uri), false, 'a CodeLens on the inactive editor');
    assert.strictEqual(await lens(oped.document.uri), true, 'no CodeLens on the active editor');

    // Switching editors moves the highlights along.
    await vscode.window.showTextDocument(news.document, { viewColumn: vscode.ViewColumn.One });
    await waitFor(() => (drawn(news) > 0 && drawn(oped) === 0 ? true : undefined), () => 'highlights moved to the newly active editor');

    await setSetting('leanMode', false);
    await waitFor(() => (drawn(news) > 0 && drawn(oped) > 0 ? true : undefined), () => 'highlights back in both editors');
  });

  it('draws each type in the highlight style the settings choose, whatever they hold', async () => {
    const { editor } = await openSeed(api, OPED);
    assert.deepStrictEqual(
      [api.getHighlightStyles().person, api.getHighlightStyles().place, api.getHighlightStyles()['claim:fact']],
      ['background', 'background', 'underline'],
    );
    await setSetting('highlights.style', { person: 'underline', place: 'none', claims: 'background', date: 'sparkly' });
    await waitFor(() => (api.getHighlightStyles().person === 'underline' ? true : undefined), () => 'the person style to change');
    const styles = api.getHighlightStyles();
    assert.strictEqual(styles.place, 'none');
    assert.strictEqual(styles.date, 'background', 'an unknown value falls back to the default');
    assert.strictEqual(styles['claim:quote'], 'background');
    await waitFor(() => {
      const s = api.getDecorationSummary(editor);
      return s.place === 0 && (s.person ?? 0) > 0 ? true : undefined;
    }, () => `no place and some person decorations: ${JSON.stringify(api.getDecorationSummary(editor))}`);
    await setSetting('highlights.style', 'not an object');
    await waitFor(() => (api.getHighlightStyles().place === 'background' ? true : undefined), () => 'the defaults back');
  });

  it('contributes the walkthrough and the welcome content, and opens the sample articles', async () => {
    const ext = extension();
    const contributes = ext.packageJSON.contributes;
    const walkthrough = (contributes.walkthroughs as { id: string; steps: { id: string; media: { markdown?: string } }[] }[]).find((w) => w.id === 'dossier.getStarted');
    assert.ok(walkthrough, 'no dossier.getStarted walkthrough');
    assert.strictEqual(walkthrough.steps.length, 3);
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(join(ext.extensionPath, step.media.markdown)), `step ${step.id}: media ${step.media.markdown} is missing`);
    }
    const welcome = contributes.viewsWelcome as { view: string; contents: string }[];
    for (const view of ['dossier.entities', 'dossier.claims']) {
      const w = welcome.find((x) => x.view === view);
      assert.ok(w && w.contents.includes('command:dossier.analyzeWorkspace') && w.contents.includes('command:dossier.openWalkthrough'), `welcome of ${view}`);
    }
    await vscode.commands.executeCommand('dossier.openWalkthrough');

    const fromWorkspace = await vscode.commands.executeCommand<vscode.Uri[]>('dossier.openSamples');
    assert.deepStrictEqual(fromWorkspace.map((u) => u.fsPath), [NEWS, OPED].map((name) => join(workspaceDir(), name)));
    const fromExtension = await vscode.commands.executeCommand<vscode.Uri[]>('dossier.openSamples', { from: 'extension' });
    assert.deepStrictEqual(fromExtension.map((u) => u.fsPath), [NEWS, OPED].map((name) => join(ext.extensionPath, 'seeds', name)));
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === fromExtension[1].fsPath), 'the packaged op-ed is not shown');
  });
});

