// One HTML page of the CLI's (a report, a diff, a document) opened in Debian's Chromium through
// playwright-core: the page is served from memory at one origin, and every other request is
// counted and refused — so a test can say "asks for nothing over the network". `bypassCSP`: the
// page's own policy would block a request before routing sees it; without it, any reference
// would be requested and counted. Page errors and console errors are collected.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './cli-support';

// playwright-core is a development dependency of @visit/editor (its browser tests); taken from there.
type Playwright = typeof import('../../editor/node_modules/playwright-core');
type Page = import('../../editor/node_modules/playwright-core').Page;
const { chromium } = createRequire(join(ROOT, 'packages', 'editor', 'package.json'))('playwright-core') as Playwright;

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenedPage {
  page: Page;
  /** Every URL the page asked for besides itself. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
}

export async function openHtmlPage(html: string, viewport: { width: number; height: number }): Promise<OpenedPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport, bypassCSP: true });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    const origin = 'http://page.invalid/';
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === origin) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      requests.push(url);
      return route.abort();
    });
    await page.goto(origin, { waitUntil: 'load' });
    return { page, requests, errors, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
