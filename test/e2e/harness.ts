import type { FastifyInstance } from 'fastify';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { totpCode } from '../../src/auth/totp.js';
import { loadConfig, type OidcSettings } from '../../src/config.js';
import { ensureDemoUsers, seedDemo } from '../../src/seed/demo.js';
import type { Db } from '../../src/db/connection.js';
import { createTestDatabase } from '../support/test-app.js';

// End-to-end tests run the real server (with the built web app) on a database holding a generated
// demo nation, and drive Debian's Chromium through playwright-core.

export const DEMO_PASSWORD = 'e2e-demo-pass';
const SCREENS = path.resolve('test/e2e/__screens__');
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface E2E {
  base: string;
  browser: Browser;
  app: FastifyInstance;
  db: Db;
  page(): Promise<Page>;
  close(): Promise<void>;
}

/** A port free on loopback now, for a server whose settings must name its own address before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** With `oidc`, sign-in through an identity provider is on; its settings are made from the app's own address. */
export async function startE2E(opts: { oidc?: (base: string) => OidcSettings } = {}): Promise<E2E> {
  const database = await createTestDatabase();
  await seedDemo(database.db, { scale: 1, seed: 3, asOf: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`), years: 8 });
  await ensureDemoUsers(database.db, DEMO_PASSWORD);
  const port = opts.oidc ? await freePort() : 0;
  const oidc = opts.oidc ? opts.oidc(`http://127.0.0.1:${port}`) : null;
  const app = await buildApp({ db: database.db, config: { ...loadConfig(), logLevel: 'silent', demo: false, ...(oidc ? { oidc } : {}) }, webDist: path.resolve('web/dist') });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  mkdirSync(SCREENS, { recursive: true });
  return {
    base,
    browser,
    app,
    db: database.db,
    page: async () => {
      // bypassCSP lets the test inject axe-core; the app itself runs under its real, strict policy.
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

export async function signIn(page: Page, base: string, username: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/user name/i).fill(username);
  await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Two-step sign-in through the page, the way a person does it: set up from the key shown (the test
 * plays the authenticator app) or, once set up, the current code. `within` is where the prompt is.
 */
export async function proveSecondFactor(page: Page, e2e: E2E, username: string, within: Locator | Page = page) {
  const setUp = within.getByRole('button', { name: 'Set up two-step sign-in' });
  const key = within.getByTestId('totp-secret');
  await Promise.race([setUp.waitFor(), key.waitFor(), within.getByRole('button', { name: 'Confirm' }).waitFor()]);
  let secret: string;
  if ((await setUp.isVisible()) || (await key.isVisible())) {
    if (await setUp.isVisible()) await setUp.click();
    secret = (await key.innerText()).replace(/\s/g, '');
  } else {
    secret = (await e2e.db.selectFrom('app_user').select('totp_secret').where('username', '=', username).executeTakeFirstOrThrow()).totp_secret!;
  }
  // Codes are single-use; a test signs in faster than every 30 seconds, so forget the last one used.
  await e2e.db.updateTable('app_user').set({ totp_last_step: null }).where('username', '=', username).execute();
  await within.getByLabel('Code from your authenticator app').first().fill(totpCode(secret, new Date()));
  await within.getByRole('button', { name: /^(Finish setting up|Confirm)$/ }).click();
  return secret;
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it stands: no serious or critical violations. */
export async function expectAccessible(page: Page, label: string) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility of ${label}`).toEqual([]);
}

/** Pick the first option of a native select whose text matches, once the options have loaded; returns its text. */
export async function choose(select: Locator, text: RegExp): Promise<string> {
  await expect.poll(async () => (await select.locator('option').allInnerTexts()).some((t) => text.test(t)), { timeout: 15_000 }).toBe(true);
  const options = await select.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const hit = options.find((o) => text.test(o.text))!;
  await select.selectOption(hit.value);
  return hit.text;
}
