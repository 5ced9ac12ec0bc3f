// Each browser test gets its own data folder, its own desk and its own web-mode server, started
// in the test worker from the real code, and a page already signed in with the launch token.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Desk } from '../../electron/app/desk';
import { openFrontDesk, type FrontDesk } from '../../electron/app/deskHost';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempFolder } from '../support/tempStore';

export interface DeskFixture {
  /** The open desk (after a restore, the new one). */
  readonly desk: Desk;
  host: FrontDesk;
  server: WebServer;
  dataFolder: string;
}

export const test = base.extend<{ app: DeskFixture }>({
  app: async ({ page }, use) => {
    const dataFolder = tempFolder('desk-e2e-');
    // The same front door as the web mode: audit check at start-up, backups, restore.
    const host = openFrontDesk({ dataFolder, mode: 'web', version: 'e2e', actor: () => 'e2e coordinator' });
    const server = await startWebServer({ dispatch: host.dispatchAsync, downloads: host.exports, rendererDir: join(process.cwd(), 'out', 'renderer') });
    await page.goto(server.url);
    await use({ get desk() { return host.desk!; }, host, server, dataFolder });
    await server.close();
    host.close();
    rmSync(dataFolder, { recursive: true, force: true });
  },
});

/** axe-core over the whole page: no serious or critical violation is allowed on any screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

export { expect };
