// Page-object helpers for the VS Code workbench (selectors verified on VS Code 1.139 / code-server 4.139).
import type { Locator, Page } from 'playwright-core';

export const TIMEOUT = 20_000;

/** CSS attribute-value quoting. */
function q(value: string): string {
  return JSON.stringify(value);
}

export async function waitForWorkbench(page: Page, file: string): Promise<void> {
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label=${q(file)}]`).waitFor({ timeout: 60_000 });
}

export function editor(page: Page, file: string): Locator {
  return page.locator(`.monaco-editor[data-uri$=${q(`/${file}`)}]`);
}

export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(file);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^=${q(file)}]`).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await editor(page, file).locator('.view-lines').waitFor({ timeout: TIMEOUT });
}

/** Runs a command from the palette by its full title ("Category: Title"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*=${q(title)}]`).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
}

/** Elements Monaco renders for extension decorations: overlay boxes and inline spans. */
export function decorations(page: Page, file: string): Locator {
  const root = `.monaco-editor[data-uri$=${q(`/${file}`)}]`;
  return page.locator(
    `${root} .view-overlays .cdr[class*="TextEditorDecorationType"], ${root} .view-lines span[class*="TextEditorDecorationType"]`,
  );
}

/** Centre of the top-most occurrence of `word` inside the editor's visible area, in page coordinates. */
export async function wordCentre(page: Page, file: string, word: string): Promise<{ x: number; y: number }> {
  const lines = editor(page, file).locator('.view-lines');
  const centre = await lines.evaluate((root, needle) => {
    const doc = root.ownerDocument; // the project's tsconfig has no DOM lib, so no `document` global
    // Monaco renders whole lines, also the parts scrolled out of view; only count what can be pointed at.
    const visible = (root.closest('.monaco-editor') ?? root).getBoundingClientRect();
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    let best: typeof visible | undefined;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const box = range.getBoundingClientRect();
      const inView = box.width > 0 && box.left >= visible.left && box.right <= visible.right && box.bottom <= visible.bottom;
      if (inView && (!best || box.top < best.top)) best = box;
    }
    return best && { x: best.left + best.width / 2, y: best.top + best.height / 2 };
  }, word);
  if (!centre) throw new Error(`"${word}" is not visible in the editor of ${file}`);
  return centre;
}

/** The visible hover widget (Monaco keeps hidden ones in the DOM). */
export function hoverWidget(page: Page): Locator {
  return page.locator('.monaco-hover:not(.hidden)');
}

/** Texts of error notifications that mention the given word. */
export async function errorNotifications(page: Page, word: string): Promise<string[]> {
  const messages = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
  return messages.filter((m) => m.toLowerCase().includes(word.toLowerCase()) && /error|failed/i.test(m));
}

export async function openViewContainer(page: Page, title: string): Promise<void> {
  const label = page.locator(`.action-label[aria-label^=${q(title)}]`);
  // Click the whole item: a view badge (an entity count, say) overlays the label and takes its clicks.
  const item = page.locator('.activitybar .action-item').filter({ has: label }).first();
  await item.waitFor({ timeout: TIMEOUT });
  // Clicking the icon of the container already showing would close the sidebar.
  const showing = await item.evaluate((el) => el.classList.contains('checked'));
  if (!showing) await item.click();
  await page.locator('.part.sidebar').waitFor({ timeout: TIMEOUT });
}

/** A view's pane in the sidebar, by the view title shown in its header. */
export function sidebarPane(page: Page, viewTitle: string): Locator {
  return page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${viewTitle}$`, 'i') }) });
}

export async function expandPane(pane: Locator): Promise<void> {
  const header = pane.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  await pane.locator('.pane-body').waitFor({ timeout: TIMEOUT });
}

/** Clicks a button of a view's title bar by its title (the buttons show while the pointer is over the view). */
export async function clickViewTitleAction(pane: Locator, title: string): Promise<void> {
  await pane.locator('.pane-header').hover();
  await pane.locator(`.pane-header .actions .action-label[aria-label^=${q(title)}]`).click({ timeout: TIMEOUT });
}

export interface TreeRow {
  label: string;
  level: number;
  expanded: boolean | undefined;
  index: number;
}

/** The rows a tree currently renders (trees are virtualised: only rows in view exist). */
export async function treeRows(pane: Locator): Promise<TreeRow[]> {
  return pane.locator('.pane-body .monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        label: (row.querySelector('.label-name')?.textContent ?? row.getAttribute('aria-label') ?? '').trim(),
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
        index: Number(row.getAttribute('data-index') ?? '-1'),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

/** Rows labelled exactly `label` (at the given tree depth, 1 = top level, if any). */
export function rowLocator(pane: Locator, label: string, level?: number): Locator {
  const rows = level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`;
  return pane
    .locator(`.pane-body ${rows}`)
    .filter({ has: pane.page().locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

/** Scrolls the tree from its top until a row with exactly this label is rendered; returns it. */
export async function findTreeRow(pane: Locator, label: string): Promise<Locator> {
  const row = rowLocator(pane, label).first();
  const body = pane.locator('.pane-body');
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await row.count()) > 0) return row;
    if (attempt === 0) {
      await row.waitFor({ timeout: 3_000 }).catch(() => undefined);
      continue;
    }
    await body.hover();
    // From the top first: following the editor may have scrolled the tree anywhere.
    await pane.page().mouse.wheel(0, attempt === 1 ? -1_000_000 : 120);
    await pane.page().waitForTimeout(100);
  }
  const seen = (await treeRows(pane)).map((r) => r.label);
  throw new Error(`no tree row "${label}" (rendered rows: ${JSON.stringify(seen)})`);
}

/** Expands or collapses a tree row through its twistie (clicking the label would also run the item's command). */
export async function setTreeRowExpanded(row: Locator, expanded: boolean): Promise<void> {
  const state = String(expanded);
  if ((await row.getAttribute('aria-expanded')) === state) return;
  await row.locator('.monaco-tl-twistie').click();
  await poll(async () => ((await row.getAttribute('aria-expanded')) === state ? true : undefined), `the row's aria-expanded to be ${state}`);
}

/** Re-evaluates `probe` (which may re-query the DOM) until it returns a value; `what` describes the wait on timeout. */
export async function poll<T>(
  probe: () => Promise<T | undefined>,
  what: string | (() => Promise<string>),
  timeoutMs = TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : await what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
