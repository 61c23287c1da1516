import * as assert from 'node:assert';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { setClaimStatus } from '../../src/core/curation/edits';
import { escapeMarkdown } from '../../src/core/report';
import { AnnotationStore, WORKSPACE_FS, type AnnotationFiles } from '../../src/extension/annotationStore';
import { getIndexedApi, hoverText, NEWS, OPED, openSeed, settle, treeChildren, waitFor, workspaceDir, type DossierApi } from './helpers';

const FILE = () => join(workspaceDir(), '.dossier', 'annotations.json');

function readAnnotations(): { entities: { type: string; name: string; rename?: string; retype?: string; split?: string[] }[]; merges: unknown[]; notEntities: { document?: string; text: string }[]; claims: { document: string; quote: string; status: string; note?: string }[] } {
  return JSON.parse(readFileSync(FILE(), 'utf8'));
}

function entityByName(api: DossierApi, name: string) {
  return api.corpus.entities().find((e) => e.name === name);
}

/** Deletes the annotations file (and kept copies) and waits until the extension has forgotten them. */
async function reset(api: DossierApi): Promise<void> {
  rmSync(join(workspaceDir(), '.dossier'), { recursive: true, force: true });
  // The watcher may or may not report a deleted folder's files; reading again is certain.
  await api.annotations.load();
  await waitFor(() => {
    const a = api.annotations.current();
    return a.entities.length + a.merges.length + a.notEntities.length + a.claims.length === 0 ? true : undefined;
  }, () => 'the annotations to be forgotten after the file was deleted');
  await api.whenIdle();
}

describe('Curation', () => {
  let api: DossierApi;
  before(async () => {
    api = await getIndexedApi();
  });
  afterEach(async () => reset(api));

  it('renames an entity everywhere, in a stable, readable file; the hover shows the new name', async () => {
    const putin = entityByName(api, 'Vladimir Putin');
    assert.ok(putin, 'no Vladimir Putin in the seeds');
    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.renameEntity', { entity: putin.id, name: 'Vladimir V. Putin' }), 'rename'), true);
    const renamed = await waitFor(() => entityByName(api, 'Vladimir V. Putin'), () => 'the renamed entity');
    assert.strictEqual(renamed.id, putin.id);
    assert.deepStrictEqual(readAnnotations().entities, [{ type: 'person', name: 'Vladimir Putin', rename: 'Vladimir V. Putin' }]);
    assert.ok(readFileSync(FILE(), 'utf8').startsWith('{\n  "version": 1,\n  "entities": ['));
    const { doc } = await openSeed(api, NEWS);
    const mention = api.getDocumentAnalysis(doc.uri)!.entities.find((m) => m.text === 'Putin')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(mention.start + 1));
    const card = hovers.map(hoverText).join('\n');
    assert.ok(card.includes(escapeMarkdown('Vladimir V. Putin')), card);
  });

  it('merges two entities into one, and splits a name off again', async () => {
    const kim = entityByName(api, 'Kim Jong Un');
    const korea = entityByName(api, 'North Korea');
    assert.ok(kim && korea);
    const before = api.corpus.mentionsOf(kim.id).length + api.corpus.mentionsOf(korea.id).length;
    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.mergeEntities', { into: kim.id, from: [korea.id] }), 'merge'), true);
    const merged = await waitFor(() => {
      const e = api.corpus.entity(kim.id);
      return e?.aliases.includes('North Korea') ? e : undefined;
    }, () => 'North Korea merged into Kim Jong Un');
    assert.strictEqual(merged.name, 'Kim Jong Un');
    assert.ok(!api.corpus.entities().some((e) => e.id !== kim.id && e.aliases.includes('North Korea')));
    assert.strictEqual(api.corpus.mentionsOf(kim.id).length, before);

    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.splitAlias', { entity: kim.id, alias: 'North Korea' }), 'split'), true);
    const apart = await waitFor(() => api.corpus.entities().find((e) => e.id !== kim.id && e.name === 'North Korea'), () => 'North Korea split off again');
    assert.ok(apart.documents.length > 0);
    assert.ok(!api.corpus.entity(kim.id)!.aliases.includes('North Korea'));
    assert.deepStrictEqual(readAnnotations().entities[0].split, ['North Korea']);
  });

  it('changes an entity type: its mentions and highlights follow', async () => {
    const { doc } = await openSeed(api, NEWS);
    const pyongyang = entityByName(api, 'Pyongyang');
    assert.ok(pyongyang && pyongyang.type === 'place');
    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.changeEntityType', { entity: pyongyang.id, type: 'organization' }), 'change type'), true);
    await waitFor(() => (api.corpus.entity(pyongyang.id)?.type === 'organization' ? true : undefined), () => 'Pyongyang retyped');
    const mention = await waitFor(() => api.getDocumentAnalysis(doc.uri)?.entities.find((m) => m.text === 'Pyongyang' && m.type === 'organization'), () => 'the Pyongyang mention retyped');
    assert.ok(mention);
    assert.deepStrictEqual(readAnnotations().entities, [{ type: 'place', name: 'Pyongyang', retype: 'organization' }]);
  });

  it('strikes a mention out from the hover link, in its document only', async () => {
    const { doc } = await openSeed(api, OPED);
    const analysis = api.getDocumentAnalysis(doc.uri)!;
    const index = analysis.entities.findIndex((m) => m.text === 'West');
    assert.ok(index >= 0);
    // The hover offers the action as a command link with these very arguments.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(analysis.entities[index].start + 1));
    const link = hoverText(hovers[0]).match(/\(command:dossier\.markNotEntity\?([^ )]+)/);
    assert.ok(link, 'the entity card has no "Not an entity" link');
    const [args] = JSON.parse(decodeURIComponent(link[1])) as [unknown];
    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.markNotEntity', args), 'not an entity'), true);
    await waitFor(() => (api.getDocumentAnalysis(doc.uri)?.entities.some((m) => m.text === 'West') ? undefined : true), () => 'West gone from the op-ed');
    const news = await openSeed(api, NEWS);
    assert.ok(api.getDocumentAnalysis(news.doc.uri)?.entities.some((m) => m.text === 'West'), 'the news article keeps its West');
    assert.deepStrictEqual(readAnnotations().notEntities, [{ document: OPED, text: 'West', type: 'place' }]);
  });

  it('marks a claim disputed with a note; the hover and the file show it, and clearing removes it', async () => {
    const { doc } = await openSeed(api, NEWS);
    const analysis = api.getDocumentAnalysis(doc.uri)!;
    const index = analysis.claims.findIndex((c) => c.score >= 0.5);
    const claim = analysis.claims[index];
    assert.strictEqual(await settle(vscode.commands.executeCommand('dossier.setClaimStatus', { document: doc.uri.toString(), index, status: 'disputed', note: 'Two other outlets give other figures.' }), 'status'), true);
    await waitFor(() => api.corpus.claimStatus(doc.uri.toString(), index), () => 'the claim status');
    // The verdict is written after the claim in the editor.
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    await waitFor(() => (api.getDecorationSummary(editor)['verdict:disputed'] === 1 ? true : undefined), () => `the verdict decoration: ${JSON.stringify(api.getDecorationSummary(editor))}`);
    const saved = readAnnotations().claims;
    assert.strictEqual(saved.length, 1);
    assert.strictEqual(saved[0].document, NEWS);
    assert.strictEqual(saved[0].quote, claim.text.replace(/\s+/g, ' ').trim());
    assert.strictEqual(saved[0].status, 'disputed');
    // The Claims view filtered to disputed claims lists this one, and only it.
    await vscode.commands.executeCommand('dossier.claims.filterByStatus', 'disputed');
    try {
      const documents = await treeChildren(api.treeProviders.claims);
      assert.deepStrictEqual(documents.map((d) => d.label), [NEWS]);
      const listed = await treeChildren(api.treeProviders.claims, documents[0].element);
      assert.strictEqual(listed.length, 1);
      const item = await api.treeProviders.claims.getTreeItem(listed[0].element);
      assert.match(String(item.description ?? ''), /disputed/);
    } finally {
      await vscode.commands.executeCommand('dossier.claims.filterByStatus', 'all');
    }
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(claim.start + 1));
    const text = hovers.map(hoverText).join('\n');
    assert.ok(text.includes('**disputed**') && text.includes(escapeMarkdown('Two other outlets give other figures.')), text);
    await settle(vscode.commands.executeCommand('dossier.setClaimStatus', { document: doc.uri.toString(), index, status: 'clear' }), 'clear');
    await waitFor(() => (api.corpus.claimStatus(doc.uri.toString(), index) ? undefined : true), () => 'the status cleared');
    assert.deepStrictEqual(readAnnotations().claims, []);
  });

  it('the claim status survives an edit of the text before it', async () => {
    const { doc, editor } = await openSeed(api, NEWS);
    const analysis = api.getDocumentAnalysis(doc.uri)!;
    const index = analysis.claims.findIndex((c) => c.score >= 0.5);
    const quote = analysis.claims[index].text;
    await vscode.commands.executeCommand('dossier.setClaimStatus', { document: doc.uri.toString(), index, status: 'verified' });
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Editor’s note: updated at noon.\n\n'));
    try {
      await api.whenIdle();
      const moved = await waitFor(() => {
        const a = api.getDocumentAnalysis(doc.uri);
        const i = a?.claims.findIndex((c) => c.text === quote) ?? -1;
        return i >= 0 && a!.claims[i].start !== analysis.claims[index].start ? i : undefined;
      }, () => 'the claim at its new offset');
      assert.strictEqual(api.corpus.claimStatus(doc.uri.toString(), moved)?.status, 'verified');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('reads changes made on disk, and applies an edit on top of what another window wrote', async () => {
    mkdirSync(join(workspaceDir(), '.dossier'), { recursive: true });
    writeFileSync(FILE(), JSON.stringify({ version: 1, entities: [{ type: 'place', name: 'Vietnam', rename: 'Viet Nam' }] }));
    await waitFor(() => entityByName(api, 'Viet Nam'), () => 'the rename written on disk to be applied');
    // Another window adds a claim mark; this window renames before its watcher saw that change.
    const file = readAnnotations();
    file.claims = [{ document: NEWS, quote: 'Some claim another reader marked.', status: 'false' }];
    writeFileSync(FILE(), JSON.stringify(file));
    const putin = entityByName(api, 'Vladimir Putin')!;
    await vscode.commands.executeCommand('dossier.renameEntity', { entity: putin.id, name: 'President Putin' });
    const both = readAnnotations();
    assert.strictEqual(both.claims.length, 1, 'the other window’s claim mark was lost');
    assert.deepStrictEqual(both.entities.map((e) => e.rename).sort(), ['President Putin', 'Viet Nam']);
  });

  it('two windows writing at the same moment keep every correction of both', async () => {
    // A second store on the same folder stands for a second window: its own queue, its own watcher.
    const other = new AnnotationStore(vscode.workspace.workspaceFolders![0].uri);
    other.watch();
    try {
      await other.load();
      const quotes = (who: string) => Array.from({ length: 8 }, (_, k) => `Claim ${k} that ${who} marked.`);
      // Both windows' edits are all in flight at once, interleaving their reads, writes and renames.
      const results = await Promise.all([
        ...quotes('this window').map((q) => api.annotations.apply(setClaimStatus(NEWS, q, 'verified'))),
        ...quotes('the other window').map((q) => other.apply(setClaimStatus(NEWS, q, 'false'))),
      ]);
      // An edit may be refused (with a message) when the other writer kept winning; none may vanish silently.
      const kept = [...quotes('this window'), ...quotes('the other window')].filter((_, i) => results[i]);
      await waitFor(() => {
        const onDisk = new Set(readAnnotations().claims.map((c) => c.quote));
        return kept.every((q) => onDisk.has(q)) ? true : undefined;
      }, () => `every accepted correction on disk; missing: ${kept.filter((q) => !readAnnotations().claims.some((c) => c.quote === q)).join(' | ')}`);
      assert.ok(kept.length >= 8, `${kept.length} of 16 edits accepted`);
    } finally {
      other.dispose();
    }
  });

  // The two ways one window's write can meet another's: held before it looks at the file one last time, and
  // held after that look, just before its rename. Each time this window's edit must survive the other's.
  for (const holdAt of ['writeFile', 'rename'] as const) {
    it(`a window whose write is held at its ${holdAt} while another writes does not drop the other's correction`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let held!: () => void;
      const reached = new Promise<void>((resolve) => (held = resolve));
      const slow: AnnotationFiles = {
        ...WORKSPACE_FS,
        [holdAt]: async (a: vscode.Uri, b: vscode.Uri & Uint8Array) => {
          if (holdAt === 'writeFile' ? a.path.endsWith('.tmp') : true) {
            held();
            await gate;
          }
          return holdAt === 'writeFile' ? WORKSPACE_FS.writeFile(a, b) : WORKSPACE_FS.rename(a, b);
        },
      };
      const other = new AnnotationStore(vscode.workspace.workspaceFolders![0].uri, slow);
      other.watch();
      try {
        await other.load();
        const theirs = other.apply(setClaimStatus(NEWS, `The other window’s claim (${holdAt}).`, 'false'));
        await reached;
        // This window writes while the other's write is held.
        assert.ok(await api.annotations.apply(setClaimStatus(NEWS, `This window’s claim (${holdAt}).`, 'verified')));
        release();
        assert.ok(await theirs, 'the other window gave up');
        const both = () => {
          // A rename over the file need not be atomic (code-server's file system): a moment without it is "not yet".
          let quotes: string[];
          try {
            quotes = readAnnotations().claims.map((c) => c.quote);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            throw e;
          }
          return quotes.some((q) => q.startsWith('This window')) && quotes.some((q) => q.startsWith('The other')) ? quotes : undefined;
        };
        // This window's claim comes back when its watcher sees the other's rename (within RECHECK_MS of its own
        // write): on a loaded machine the file system's event comes late.
        await waitFor(both, () => `both claims on disk, not ${JSON.stringify(readAnnotations().claims.map((c) => c.quote))}`, 30_000);
      } finally {
        release();
        other.dispose();
      }
    });
  }

  it('a window that gets no change event still writes again the correction another window dropped', async () => {
    // Not watching: it stands for a window whose file system sent no event (or one coalesced with its own write).
    const unwatched = new AnnotationStore(vscode.workspace.workspaceFolders![0].uri);
    try {
      await unwatched.load();
      const quote = 'A claim the unwatched window marked.';
      assert.ok(await unwatched.apply(setClaimStatus(NEWS, quote, 'verified')));
      // Another window's rename, from a file read before that write: the mark is gone from disk.
      const file = readAnnotations();
      file.claims = file.claims.filter((c) => c.quote !== quote);
      writeFileSync(FILE(), JSON.stringify(file));
      await waitFor(() => (readAnnotations().claims.some((c) => c.quote === quote) ? true : undefined), () => 'the dropped mark written again', 8_000);
    } finally {
      unwatched.dispose();
    }
  });

  it('keeps a corrupt file aside with a message and never overwrites it silently', async () => {
    const putin = entityByName(api, 'Vladimir Putin')!;
    await vscode.commands.executeCommand('dossier.renameEntity', { entity: putin.id, name: 'V. Putin' });
    await waitFor(() => entityByName(api, 'V. Putin'), () => 'the rename');
    const broken = '{"version": 1, "entities": [{"type": "person", "name": "X", "rename": "Y", "onload": "alert(1)"}]';
    writeFileSync(FILE(), broken);
    const problem = await waitFor(() => api.annotations.problem, () => 'a message about the corrupt file');
    assert.match(problem, /could not be read/);
    const copies = () => readdirSync(join(workspaceDir(), '.dossier')).filter((f) => f.startsWith('annotations.corrupt-'));
    assert.strictEqual(copies().length, 1);
    assert.strictEqual(readFileSync(join(workspaceDir(), '.dossier', copies()[0]), 'utf8'), broken);
    // The file itself is left as it is, and what was read before stays applied.
    assert.strictEqual(readFileSync(FILE(), 'utf8'), broken);
    assert.ok(entityByName(api, 'V. Putin'));
    // A new correction replaces it (with a warning); the copy stays.
    await vscode.commands.executeCommand('dossier.renameEntity', { entity: putin.id, name: 'Vladimir Vladimirovich Putin' });
    assert.ok(readAnnotations().entities.some((e) => e.rename === 'Vladimir Vladimirovich Putin'));
    assert.strictEqual(copies().length, 1);
    assert.ok(existsSync(FILE()));
  });
});
