import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getIndexedApi, settle, treeChildren, waitFor, type DossierApi } from './helpers';

describe('Entity graph', () => {
  let api: DossierApi;
  before(async () => {
    api = await getIndexedApi();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const entityId = (name: string) => {
    const entity = api.corpus.entities().find((e) => e.name === name);
    assert.ok(entity, `no workspace entity "${name}"`);
    return entity.id;
  };

  it('opens one panel with the seeds\' people, linked where one sentence names both', async () => {
    await settle(vscode.commands.executeCommand('dossier.showEntityGraph'), 'Show Entity Graph');
    const graph = await waitFor(() => api.graph.lastRendered(), () => 'the graph panel to render');
    const putin = entityId('Vladimir Putin');
    const kim = entityId('Kim Jong Un');
    const ids = graph.nodes.map((n) => n.id);
    assert.ok(ids.includes(putin) && ids.includes(kim), `nodes: ${ids.join(', ')}`);
    const edge = graph.edges.find((e) => [e.source, e.target].sort().join() === [putin, kim].sort().join());
    assert.ok(edge && edge.weight >= 2, `Putin–Kim edge: ${JSON.stringify(edge)}`);
    // Dates and quantities are left out by default.
    assert.ok(graph.nodes.every((n) => n.type !== 'date' && n.type !== 'quantity'), JSON.stringify(graph.nodes.map((n) => n.type)));

    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Entity Graph');
    await waitFor(() => (tabs().length === 1 ? true : undefined), () => `one Entity Graph tab; ${tabs().length} open`);
    // Running the command again reuses the panel.
    await settle(vscode.commands.executeCommand('dossier.showEntityGraph'), 'Show Entity Graph again');
    assert.strictEqual(tabs().length, 1);
  });

  it('serves a page with a strict Content-Security-Policy, a nonce and no remote or inline code', () => {
    const html = api.graph.html();
    assert.ok(html, 'no HTML: the panel is not open');
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    assert.ok(csp, 'no CSP meta');
    const nonce = csp.match(/script-src 'nonce-([A-Za-z0-9+/=]{16,})'/)?.[1];
    assert.ok(nonce, `no script nonce in ${csp}`);
    assert.match(csp, /^default-src 'none'; /);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*(?!\.)|\bhttp:/, csp);
    // Every script carries the nonce and is loaded from the extension's media/; nothing runs inline.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.strictEqual(scripts.length, 1);
    for (const [, attrs, body] of scripts) {
      assert.ok(attrs.includes(`nonce="${nonce}"`), attrs);
      assert.strictEqual(body.trim(), '');
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'inline event handler');
    // Resources: only the webview's own URIs of media/graph.*, never a remote address.
    const resources = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.strictEqual(resources.length, 2, resources.join(', '));
    for (const url of resources) assert.match(url, /^(https:\/\/[^/]*vscode-(?:resource|cdn)[^/]*|vscode-webview-resource:|vscode-resource:)[^"]*\/media\/graph\.(?:js|css)$/, url);
    const withoutOwn = resources.reduce((text, url) => text.split(url).join(''), html.replace(csp, ''));
    assert.doesNotMatch(withoutOwn, /https?:/, 'a remote address outside the webview resources');
    // No data in the markup: the graph goes through postMessage.
    assert.ok(!html.includes('Vladimir Putin') && !html.includes('Kim Jong Un'));
  });

  it('reveals the entity of a clicked node, and ignores messages it cannot trust', async () => {
    const kim = entityId('Kim Jong Un');
    assert.strictEqual(await api.graph.postFromWebview({ type: 'reveal', id: kim }), true);
    const header = async () => (await treeChildren(api.treeProviders.crossReferences))[0]?.label;
    await waitFor(async () => ((await header()) === 'Kim Jong Un' ? true : undefined), () => 'the Cross-References view to show Kim Jong Un');

    for (const bogus of [
      { type: 'reveal', id: 'person:nobody-at-all' },
      { type: 'reveal', id: 42 },
      { type: 'reveal', id: ['person:vladimir-putin'] },
      { type: 'reveal', id: 'x'.repeat(5_000) },
      { type: 'run', id: entityId('Vladimir Putin') },
      'reveal',
      null,
      undefined,
    ]) {
      assert.strictEqual(await api.graph.postFromWebview(bogus), false, JSON.stringify(bogus));
    }
    assert.strictEqual(await header(), 'Kim Jong Un', 'a bogus message moved the focus');
  });

  it('redraws when the workspace changes, and forgets the graph once the panel is closed', async () => {
    const before = api.graph.lastRendered();
    assert.ok(before);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Angela Merkel met Emmanuel Macron in Berlin. Merkel and Macron spoke again in Paris.' });
    await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenIdle();
    const after = await waitFor(
      () => {
        const g = api.graph.lastRendered();
        return g && g !== before && g.nodes.some((n) => n.name === 'Angela Merkel') ? g : undefined;
      },
      () => `a redrawn graph with Angela Merkel; nodes: ${api.graph.lastRendered()?.nodes.map((n) => n.name).join(', ')}`,
    );
    const merkel = after.nodes.find((n) => n.name === 'Angela Merkel')?.id;
    const macron = after.nodes.find((n) => n.name === 'Emmanuel Macron')?.id;
    assert.ok(after.edges.some((e) => (e.source === merkel && e.target === macron) || (e.source === macron && e.target === merkel)), 'no Merkel–Macron edge');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) if (tab.input instanceof vscode.TabInputWebview) await vscode.window.tabGroups.close(tab);
    await waitFor(() => (api.graph.lastRendered() === undefined ? true : undefined), () => 'the graph to be dropped after the panel closed');
    assert.strictEqual(api.graph.html(), undefined);
  });
});
