// A tiny sequential test harness for UI flows: named steps that share one browser page, a screenshot
// into test-results/ when one fails, and a final "N passed, N failed" line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface UiTest {
  name: string;
  fn: () => Promise<void>;
}

export class Harness {
  private readonly tests: UiTest[] = [];

  constructor(
    private readonly page: Page,
    private readonly resultsDir: string,
  ) {
    mkdirSync(resultsDir, { recursive: true });
  }

  test(name: string, fn: () => Promise<void>): void {
    this.tests.push({ name, fn });
  }

  /** Runs every test in order (later ones may rely on state earlier ones set up); returns the failure count. */
  async run(): Promise<number> {
    let passed = 0;
    let failed = 0;
    for (const [index, { name, fn }] of this.tests.entries()) {
      const started = Date.now();
      try {
        await fn();
        passed++;
        console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        const shot = join(this.resultsDir, `failure-${index + 1}-${slug(name)}.png`);
        await this.page
          .screenshot({ path: shot })
          .catch(() => undefined);
        console.log(`  ✘ ${name} (${Date.now() - started} ms)`);
        console.log(indent(stripAnsi(err instanceof Error ? (err.stack ?? err.message) : String(err))));
        console.log(`    screenshot: ${shot}`);
      }
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed;
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Playwright colours its call logs; keep CI logs plain. */
function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
