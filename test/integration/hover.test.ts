import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../src/core/report';
import { getApi, hoverText, NEWS, openSeed, OPED, setSetting, type DossierApi } from './helpers';

/** The commands a card may run: opening a location, showing more or less, and the user's corrections. */
const ALLOWED = ['dossier.openLocation', 'dossier.toggleHoverDetail', 'dossier.renameEntity', 'dossier.mergeEntities', 'dossier.splitAlias', 'dossier.changeEntityType', 'dossier.markNotEntity', 'dossier.setClaimStatus'];

describe('Hover', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
  });

  it('shows the entity card on a "Putin" mention', async () => {
    const { doc } = await openSeed(api, OPED);
    const mention = api.getDocumentAnalysis(doc.uri)?.entities.find((e) => e.text.includes('Putin'));
    assert.ok(mention, 'no entity mention containing "Putin"');
    const offset = mention.start + mention.text.indexOf('Putin') + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    const text = hovers.map(hoverText).join('\n---\n');
    assert.ok(text.includes('Vladimir Putin'), `hover lacks "Vladimir Putin":\n${text}`);
    assert.ok(text.includes('person'), `hover lacks "person":\n${text}`);
  });

  it('is compact by default; "More…" shows the other names and documents, and the setting makes it the default', async () => {
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    const { doc } = await openSeed(api, OPED);
    const mention = api.getDocumentAnalysis(doc.uri)?.entities.find((e) => e.text === 'Putin');
    assert.ok(mention);
    const card = async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(mention.start + 1))).map(hoverText).join('\n---\n');
    const compact = await card();
    assert.ok(compact.includes('More…') && !compact.includes('Also written') && !compact.includes(NEWS), compact);
    assert.strictEqual(await vscode.commands.executeCommand('dossier.toggleHoverDetail'), true);
    try {
      const full = await card();
      assert.ok(full.includes('Also written') && full.includes(NEWS) && full.includes('Less'), full);
    } finally {
      await vscode.commands.executeCommand('dossier.toggleHoverDetail');
    }
    assert.strictEqual(await card(), compact);
  });

  it('lists a document that only describes the entity, with the description', async () => {
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    await setSetting('hover.detail', 'full');
    try {
      const { doc } = await openSeed(api, OPED);
      const mention = api.getDocumentAnalysis(doc.uri)?.entities.find((e) => e.text === 'St. Petersburg International Economic Forum');
      assert.ok(mention, 'no forum mention in the op-ed');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(mention.start + 30));
      const text = hovers.map(hoverText).join('\n---\n');
      assert.ok(text.includes(NEWS) && text.includes(escapeMarkdown('the recent economic forum in St. Petersburg')), `hover lacks the news article's description:\n${text}`);
    } finally {
      await setSetting('hover.detail', undefined);
    }
  });

  it('shows kind, score, source, cue, original source, hedges and boosters on a claim', async () => {
    const { doc } = await openSeed(api, NEWS);
    const minimum = vscode.workspace.getConfiguration('dossier').get<number>('claims.minimumScore', 0.5);
    const claims = (api.getDocumentAnalysis(doc.uri)?.claims ?? []).filter((c) => c.score >= minimum);
    // The richest card the seed offers: a sourced claim, best one that cites an original source.
    const claim = claims.filter((c) => c.source && c.cue).sort((a, b) => Number(!!b.originalSource) - Number(!!a.originalSource))[0];
    assert.ok(claim?.source && claim.cue, `no sourced claim scoring ${minimum} or more in ${NEWS}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(claim.start));
    const text = hovers.map(hoverText).join('\n---\n');
    // Document text is escaped in cards; the source may be shortened, so its start is what must appear.
    const expected = [
      `*${claim.kind}*`,
      claim.score.toFixed(2),
      `Source: ${escapeMarkdown(claim.source.text.slice(0, 40))}`,
      `cue: ${escapeMarkdown(claim.cue.text)}`,
      ...(claim.originalSource ? [`citing ${escapeMarkdown(claim.originalSource.text.slice(0, 40))}`] : []),
      ...[...claim.hedges, ...claim.boosters].map((h) => escapeMarkdown(h.text)),
    ];
    for (const part of expected) assert.ok(text.includes(part), `claim card lacks ${JSON.stringify(part)}:\n${text}`);
  });

  it('never turns document text into a link, a command or HTML', async () => {
    const hostile = [
      'Vladimir Putin said [run](command:workbench.action.terminal.new) was <img src=x onerror=alert(1)> fine.',
      'According to `Kim` $(terminal) **Kim Jong Un**, North Korea sent 5 million shells [x](https://example.com) to Russia.',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: hostile });
    await vscode.window.showTextDocument(doc, { preview: false });
    const analysis = api.getDocumentAnalysis(doc.uri);
    assert.ok(analysis && analysis.entities.length > 0, 'the hostile document was not analysed');
    let cards = 0;
    for (const span of [...analysis.entities, ...analysis.claims]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(span.start + 1));
      for (const hover of hovers) {
        for (const content of hover.contents) {
          if (!(content instanceof vscode.MarkdownString)) continue;
          cards++;
          const markdown = content.value;
          // The only links are Dossier's own commands on the allow-list, and only those may run.
          for (const link of markdown.matchAll(/\]\(([^)\s]*)/g)) assert.ok(ALLOWED.some((c) => link[1].startsWith(`command:${c}?`)), `document text became a link: ${link[1]} in\n${markdown}`);
          assert.ok(!/(^|[^\\])<img/.test(markdown), `raw HTML in a card:\n${markdown}`);
          assert.ok(!content.supportHtml, 'cards must not render HTML');
          const trusted = content.isTrusted;
          assert.ok(trusted === undefined || trusted === false || (typeof trusted === 'object' && trusted.enabledCommands.every((c) => ALLOWED.includes(c))), `only ${ALLOWED.join(', ')} may be trusted`);
        }
      }
    }
    assert.ok(cards > 0, 'no hover cards were shown for the hostile document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
