import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, seedUri, waitFor, type DossierApi } from './helpers';

// Two short files: only the first names Reggie Bush in full; the labeller alone misses the lone "Bush" of the second.
const FULL = 'known-names-full.txt';
const SHORT = 'known-names-short.txt';

describe('Names the workspace knows', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(seedUri(name), Buffer.from(text, 'utf8'));
    await write(FULL, 'New Orleans Saints running back Reggie Bush will miss the rest of the season, coach Sean Payton said.\n');
    await write(SHORT, 'The team placed Bush on injured reserve after he hurt his knee on Thursday.\n');
  });
  after(async () => {
    // Later suites count the seed documents: the files must be out of the index again.
    for (const name of [FULL, SHORT]) await vscode.workspace.fs.delete(seedUri(name)).then(undefined, () => undefined);
    await waitFor(() => (api.corpus.get(seedUri(SHORT).toString()) || api.corpus.get(seedUri(FULL).toString()) ? undefined : true), () => 'the test files to leave the index');
  });

  it('after a workspace scan, a document finds a name that only another document labels, as the same entity', async () => {
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    const short = seedUri(SHORT).toString();
    const full = seedUri(FULL).toString();
    const bush = await waitFor(
      () => api.corpus.get(short)?.entities.find((m) => m.text === 'Bush'),
      () => `"Bush" among the mentions of ${SHORT}: ${api.corpus.get(short)?.entities.map((m) => m.text).join(', ')}`,
    );
    assert.strictEqual(bush.type, 'person');
    const reggie = api.corpus.get(full)?.entities.find((m) => m.text === 'Reggie Bush');
    assert.ok(reggie, `Reggie Bush in ${FULL}`);
    assert.strictEqual(api.corpus.entityIdOf(short, bush.entity), api.corpus.entityIdOf(full, reggie.entity));
  });
});
