// End-to-end UI tests: the extension installed into code-server (symlinked into its extensions dir, as a
// user would have it), driven in headless Chromium through the real workbench.
//   node out/test/e2e/run.js
import * as assert from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { analyzeText } from '../../src/core/analyze';
import { Corpus } from '../../src/core/corpus/corpus';
import { launchChromium, resolveTestEnv, startCodeServer, type CodeServer } from '../support/codeServer';
import { projectRoot } from '../support/project';
import { createSeedWorkspace } from '../support/workspace';
import { Harness } from './harness';
import {
  clickViewTitleAction,
  decorations,
  editor,
  errorNotifications,
  expandPane,
  findTreeRow,
  hoverWidget,
  openViewContainer,
  poll,
  quickOpen,
  rowLocator,
  runCommand,
  setTreeRowExpanded,
  sidebarPane,
  treeRows,
  TIMEOUT,
  type TreeRow,
  waitForWorkbench,
  wordCentre,
} from './workbench';

const OPED = 'putin-kim-visit-oped.txt';
const NEWS = 'putin-kim-visit-news.txt';

async function main(): Promise<number> {
  const root = projectRoot();
  const resultsDir = join(root, 'test-results');
  if (!existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing; run node scripts/build.mjs');
  // Screenshots from an earlier run must not pass for this run's.
  mkdirSync(resultsDir, { recursive: true });
  for (const file of readdirSync(resultsDir)) if (file.endsWith('.png')) rmSync(join(resultsDir, file));
  const env = resolveTestEnv();
  const workspace = createSeedWorkspace(root);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const browserLog: string[] = [];
  try {
    server = await startCodeServer({
      env,
      folder: workspace.dir,
      installExtension: root,
      logFile: join(resultsDir, 'e2e-code-server.log'),
    });
    console.log(`code-server ${server.origin}, workspace ${workspace.dir}`);
    browser = await launchChromium(env);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.stack ?? e.message}`));
    await page.goto(server.folderUrl());
    await waitForWorkbench(page, OPED);

    const harness = new Harness(page, resultsDir);
    defineTests(harness, page, resultsDir, workspace.dir);
    return await harness.run();
  } finally {
    // The workbench's console holds the extension host's errors; keep it for diagnosing failures.
    writeFileSync(join(resultsDir, 'e2e-browser-console.log'), browserLog.join('\n'));
    await browser?.close().catch(() => undefined);
    await server?.stop();
    workspace.remove();
  }
}

function defineTests(harness: Harness, page: Page, resultsDir: string, workspaceDir: string): void {
  harness.test('opens a seed via Quick Open', async () => {
    await quickOpen(page, OPED);
  });

  harness.test('highlights entity and claim mentions', async () => {
    await decorations(page, OPED).first().waitFor({ state: 'attached' });
    console.log(`    decoration elements: ${await decorations(page, OPED).count()}`);
  });

  harness.test('the summary CodeLens tops the document', async () => {
    const lens = editor(page, OPED).locator('.codelens-decoration').filter({ hasText: /^Dossier: \d+ entit/ }).first();
    await lens.waitFor();
    console.log(`    CodeLens: ${JSON.stringify((await lens.innerText()).trim())}`);
  });

  harness.test('hovering "Putin" shows the entity card', async () => {
    const text = await hoverUntil(page, 'Putin', (shown) => shown.includes('Vladimir Putin'), 'a hover with "Vladimir Putin"');
    console.log(`    hover card: ${JSON.stringify(text.slice(0, 160))}`);
    // The card fades in: a screenshot taken at once shows it half transparent.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(resultsDir, 'editor-hover.png') });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  harness.test('hovering a claim shows the matching claim of the other document', async () => {
    const { hoverWord, otherExcerpt } = claimWithMatch(projectRoot());
    // The card is compact at first; its "More…" link opens the full card, with the related claims.
    await hoverUntil(page, hoverWord, (shown) => /More… \(\d+ related\)/.test(shown), `a compact claim card with "More… (N related)"`);
    await hoverWidget(page).locator('a').filter({ hasText: /^More…/ }).last().click();
    const text = await poll(
      async () => {
        const shown = (await hoverWidget(page).allInnerTexts()).join('\n---\n');
        return shown.includes('Related claims elsewhere') && shown.includes(NEWS) && shown.includes(otherExcerpt) ? shown : undefined;
      },
      async () => `a full claim card listing ${NEWS}: "${otherExcerpt}"; visible: ${JSON.stringify((await hoverWidget(page).allInnerTexts()).join(' | '))}`,
    );
    console.log(`    claim card: ${JSON.stringify(text.slice(text.indexOf('Related claims'), text.indexOf('Related claims') + 160))}`);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(resultsDir, 'claim-hover.png') });
    // Back to compact cards for the tests that follow.
    await hoverWidget(page).locator('a').filter({ hasText: /^Less$/ }).last().click();
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  harness.test('finds an entity from the command palette', async () => {
    await runCommand(page, 'Dossier: Find Entity');
    const input = page.locator('.quick-input-widget input[placeholder*="Find an entity"]');
    await input.waitFor();
    await input.fill('Putin');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Vladimir Putin' }).first();
    await row.waitFor();
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Give a failing command time to surface its error toast.
    await page.waitForTimeout(500);
    assert.deepStrictEqual(await errorNotifications(page, 'dossier'), [], 'error notifications after Find Entity');
  });

  harness.test('the Dossier sidebar lists both seeds under Vladimir Putin', async () => {
    await openViewContainer(page, 'Dossier');
    const pane = sidebarPane(page, 'Entities');
    await pane.waitFor();
    await expandPane(pane);
    // Following the editor may have opened and scrolled to any group: start from the groups alone.
    await clickViewTitleAction(pane, 'Collapse All');
    await setTreeRowExpanded(await findTreeRow(pane, 'People'), true);
    const putin = await findTreeRow(pane, 'Vladimir Putin');
    await setTreeRowExpanded(putin, true);
    // Expanded document rows (say, revealed by Find Entity) would push their siblings out of the rendered window.
    const level = Number(await putin.getAttribute('aria-level'));
    for (const file of [OPED, NEWS]) {
      const row = rowLocator(pane, file, level + 1).first();
      if ((await row.count()) > 0) await setTreeRowExpanded(row, false);
    }
    const documents = await poll(
      async () => {
        const children = childLabels(await treeRows(pane), 'Vladimir Putin');
        return children.includes(OPED) && children.includes(NEWS) ? children : undefined;
      },
      async () => `rows for ${OPED} and ${NEWS} under Vladimir Putin; rendered: ${JSON.stringify(await treeRows(pane))}`,
    );
    console.log(`    documents under Vladimir Putin: ${documents.join(', ')}`);
    await page.screenshot({ path: join(resultsDir, 'sidebar.png') });
  });

  harness.test('the entity graph opens, and a node clicked or activated with Enter reveals its entity', async () => {
    await runCommand(page, 'Dossier: Show Entity Graph');
    const graph = entityGraphFrame(page);
    const putin = graph.locator('[role="button"][aria-label="Vladimir Putin (person)"]');
    const kim = graph.locator('[role="button"][aria-label="Kim Jong Un (person)"]');
    await putin.waitFor();
    await kim.waitFor();
    console.log(`    graph: ${JSON.stringify(await graph.locator('#summary').innerText())}, ${await graph.locator('line.edge').count()} edges drawn`);
    // Kim first, from the keyboard, so that the click on Putin has to move the focus (Find Entity focused Putin).
    await kim.focus();
    await page.keyboard.press('Enter');
    await crossReferencesShow(page, 'Kim Jong Un');
    await putin.locator('circle').click();
    await crossReferencesShow(page, 'Vladimir Putin');
    const entities = sidebarPane(page, 'Entities');
    await poll(
      async () => ((await rowLocator(entities, 'Vladimir Putin').first().getAttribute('aria-selected').catch(() => null)) === 'true' ? true : undefined),
      async () => `Vladimir Putin selected in the Entities view; rows: ${JSON.stringify(await treeRows(entities))}`,
    );
    assert.deepStrictEqual(await errorNotifications(page, 'dossier'), [], 'error notifications after revealing from the graph');
    await page.screenshot({ path: join(resultsDir, 'entity-graph.png') });
  });

  harness.test('the Entities view groups by document and back by type from its title bar', async () => {
    const pane = sidebarPane(page, 'Entities');
    await expandPane(pane);
    const topLevel = async () => (await treeRows(pane)).filter((r) => r.level === 1).map((r) => r.label);
    await clickViewTitleAction(pane, 'Group Entities by Document');
    const documents = await poll(
      async () => {
        const labels = await topLevel();
        return labels.length === 2 && labels.includes(OPED) && labels.includes(NEWS) ? labels : undefined;
      },
      async () => `the top-level rows to be ${NEWS} and ${OPED}; rendered: ${JSON.stringify(await topLevel())}`,
    );
    console.log(`    grouped by document: ${documents.join(', ')}`);
    // Show what a document holds: its entities, most mentioned first.
    await setTreeRowExpanded(rowLocator(pane, OPED, 1).first(), true);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'entities-by-document.png') });
    await clickViewTitleAction(pane, 'Group Entities by Type');
    await poll(
      async () => ((await topLevel()).includes('People') ? true : undefined),
      async () => `a top-level "People" row again; rendered: ${JSON.stringify(await topLevel())}`,
    );
  });

  harness.test('renames an entity from the palette; the Entities view shows the new name', async () => {
    await runCommand(page, 'Dossier: Rename Entity…');
    await pickQuickItem(page, 'Putin', 'Vladimir Putin');
    const input = page.locator('.quick-input-widget input');
    await poll(async () => ((await input.inputValue()) === 'Vladimir Putin' ? true : undefined), async () => `the rename box pre-filled; it holds ${JSON.stringify(await input.inputValue())}`);
    await input.fill('Vladimir V. Putin');
    await page.keyboard.press('Enter');
    await entityRowShown(page, 'Vladimir V. Putin');
    assert.match(annotationsFile(workspaceDir), /"rename": "Vladimir V. Putin"/);
  });

  harness.test('merges two entities from the palette', async () => {
    await runCommand(page, 'Dossier: Merge Entities…');
    await pickQuickItem(page, 'Russia', 'Russia');
    // The second question picks many: check "Soviet Union", then accept.
    const input = page.locator('.quick-input-widget input');
    await input.fill('Soviet');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Soviet Union' }).first();
    await row.waitFor();
    // A click on a row of a many-pick checks it; OK accepts.
    await row.click();
    await page.locator('.quick-input-widget').filter({ hasText: '1 Selected' }).waitFor();
    await page.locator('.quick-input-widget .monaco-button').filter({ hasText: /^OK$/ }).click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await poll(
      async () => (/"from": \[\s*\{\s*"type": "place",\s*"name": "Soviet Union"/.test(annotationsFile(workspaceDir)) ? true : undefined),
      async () => `the merge in .dossier/annotations.json: ${annotationsFile(workspaceDir)}`,
    );
    const pane = sidebarPane(page, 'Entities');
    await poll(async () => ((await treeRows(pane)).some((r) => r.label === 'Soviet Union') ? undefined : true), async () => `no "Soviet Union" row left: ${JSON.stringify(await treeRows(pane))}`);
  });

  harness.test('marks a claim disputed from its hover card', async () => {
    // The graph's editor group may be the active one: quick open would then show the op-ed in a second editor
    // beside the first, and the hover could land in either. One group, one editor of the op-ed.
    await runCommand(page, 'View: Close All Editor Groups');
    await runCommand(page, 'View: Single Column Editor Layout');
    await quickOpen(page, OPED);
    const { hoverWord } = claimWithMatch(projectRoot());
    await hoverUntil(page, hoverWord, (shown) => shown.includes('Disputed'), 'a claim card with a "Disputed" link');
    await hoverWidget(page).locator('a').filter({ hasText: /^Disputed$/ }).last().click();
    await poll(async () => (/"status": "disputed"/.test(annotationsFile(workspaceDir)) ? true : undefined), async () => `a disputed claim in .dossier/annotations.json: ${annotationsFile(workspaceDir)}`);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await hoverUntil(page, hoverWord, (shown) => /\bdisputed\b/.test(shown) && shown.includes('Clear'), 'the claim card showing "disputed"');
    await page.screenshot({ path: join(resultsDir, 'claim-disputed.png') });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  harness.test('the corrections survive a reload of VS Code', async () => {
    await page.reload();
    // The sidebar comes back showing Dossier, not the explorer: wait for the status bar instead.
    await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
    // The graph's editor group comes back too; one group, one editor of the op-ed.
    await runCommand(page, 'View: Close All Editor Groups');
    await runCommand(page, 'View: Single Column Editor Layout');
    await quickOpen(page, OPED);
    // The Entities view shows the rename once the extension is back and has read the file.
    await entityRowShown(page, 'Vladimir V. Putin');
    await hoverUntil(page, 'Putin', (shown) => shown.includes('Vladimir V. Putin'), 'the renamed Putin after the reload');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const { hoverWord } = claimWithMatch(projectRoot());
    await hoverUntil(page, hoverWord, (shown) => /\bdisputed\b/.test(shown), 'the disputed claim after the reload');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });
}

/** Types into the open quick pick and picks the row showing `label`. */
async function pickQuickItem(page: Page, typed: string, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(typed);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor();
  await row.click();
}

/** Waits until the Entities view lists the person `name` under People (from the groups alone, so that it is in view). */
async function entityRowShown(page: Page, name: string): Promise<void> {
  await openViewContainer(page, 'Dossier');
  const pane = sidebarPane(page, 'Entities');
  await expandPane(pane);
  await poll(
    async () => {
      await clickViewTitleAction(pane, 'Collapse All');
      const people = rowLocator(pane, 'People', 1).first();
      if ((await people.count()) === 0) return undefined;
      await setTreeRowExpanded(people, true);
      return (await treeRows(pane)).some((r) => r.label === name) ? true : undefined;
    },
    async () => `an Entities row "${name}": ${JSON.stringify(await treeRows(pane))}`,
  );
}

function annotationsFile(workspaceDir: string): string {
  const file = join(workspaceDir, '.dossier', 'annotations.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '(no file)';
}

/** The page inside the entity graph's webview (a webview is an iframe holding the page's own iframe). */
function entityGraphFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

async function crossReferencesShow(page: Page, name: string): Promise<void> {
  const pane = sidebarPane(page, 'Cross-References');
  await poll(
    async () => ((await treeRows(pane))[0]?.label === name ? true : undefined),
    async () => `the Cross-References view to show ${name}; rows: ${JSON.stringify(await treeRows(pane))}`,
  );
}

/** Labels of the rows directly under the (expanded) row labelled `parent`. */
function childLabels(rows: TreeRow[], parent: string): string[] {
  const at = rows.findIndex((r) => r.label === parent);
  if (at < 0) return [];
  const children: string[] = [];
  for (const row of rows.slice(at + 1)) {
    if (row.level <= rows[at].level) break;
    if (row.level === rows[at].level + 1) children.push(row.label);
  }
  return children;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

/**
 * A claim of the op-ed that the engine groups with one of the news piece (computed here as the extension does:
 * both seeds, then a second pass with the names the workspace knows), a word of it to hover that no earlier line
 * holds and no entity covers, and the start of the other claim as the card quotes it.
 */
function claimWithMatch(root: string): { hoverWord: string; otherExcerpt: string } {
  const texts = new Map([OPED, NEWS].map((name) => [name, readFileSync(join(root, 'seeds', name), 'utf8')]));
  const corpus = new Corpus();
  for (const [name, text] of texts) corpus.set(name, analyzeText(text));
  const knownNames = corpus.knownNames();
  for (const [name, text] of texts) corpus.set(name, analyzeText(text, { knownNames }));
  const oped = texts.get(OPED) ?? '';
  const analysis = corpus.get(OPED);
  for (const group of corpus.claimGroups()) {
    const mine = group.claims.find((c) => c.document === OPED);
    const other = group.claims.find((c) => c.document === NEWS);
    const claim = mine && analysis?.claims[mine.index];
    if (!claim || !other || claim.score < 0.5) continue;
    const inEntity = (at: number) => analysis.entities.some((m) => m.start <= at && at < m.end);
    for (const match of claim.text.matchAll(/[A-Za-z]{5,}/g)) {
      const at = oped.indexOf(match[0]);
      if (at === claim.start + (match.index ?? 0) && !inEntity(at)) {
        const otherText = corpus.get(NEWS)?.claims[other.index].text ?? '';
        return { hoverWord: match[0], otherExcerpt: (otherText.match(/^[\p{L}\s]{10,30}/u)?.[0] ?? otherText.slice(0, 12)).trim() };
      }
    }
  }
  throw new Error('the seeds have no op-ed claim grouped with a news claim: nothing to hover');
}

/** Hovers the top-most visible `word` of the op-ed until the hover shows what `wanted` accepts; returns its text. */
async function hoverUntil(page: Page, word: string, wanted: (shown: string) => boolean, what: string): Promise<string> {
  const { x, y } = await wordCentre(page, OPED, word);
  // Approach from elsewhere first: Monaco only reacts to mouse movement.
  const approach = async () => {
    await page.mouse.move(x, y + 200);
    await page.mouse.move(x, y, { steps: 5 });
  };
  await approach();
  const visibleHovers = async (): Promise<string> => (await hoverWidget(page).allInnerTexts()).join('\n---\n').trim();
  let empty = 0;
  // Other hover parts may render before the card; wait for the card itself. A hover that never showed, or
  // closed when the editor redrew (a correction just written), is asked for again after about two seconds.
  return poll(
    async () => {
      const shown = await visibleHovers();
      if (wanted(shown)) return shown;
      if (shown === '' && ++empty % 20 === 0) await approach();
      return undefined;
    },
    async () => `${what} over "${word}" at (${Math.round(x)}, ${Math.round(y)}); visible hover: ${JSON.stringify(await visibleHovers())}`,
  );
}
