import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, hoverText, openSeed, OPED, type DossierApi } from './helpers';

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
});
