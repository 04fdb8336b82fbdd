import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@giftwire/test-kit';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_VENDORS, type DemoVendor } from '../src/catalog/demo-products';
import { type RunningDemo, startDemo } from '../src/demo/start-demo';
import { APP_DIR } from '../src/demo/start-medusa';

// Buys one gift card per vendor through the storefront in Chromium, waits for the plugin to deliver
// it, reveals the code and compares it with what the vendor's sandbox issued.

const RESULTS_DIR = join(APP_DIR, 'test-results');
const DOCS_SCREENSHOT = join(APP_DIR, '..', '..', 'docs', 'storefront.png');
const ADMIN_DOCS_SCREENSHOT = join(APP_DIR, '..', '..', 'docs', 'admin-widget.png');

let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let dataDir: string;
/** Undefined when no PostgreSQL server answers: the demo then brings its embedded one. */
let database: TestDatabase | undefined;
/** What the storefront tests bought, for the admin test. */
const delivered: { orderId: string; code: string }[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'giftwire-demo-test-'));
  database = await createTestDatabase({ prefix: 'giftwire_demo_test' }).catch(() => undefined);
  demo = await startDemo({
    dataDir,
    ...(database ? { databaseUrl: database.connectionString } : {}),
    ports: { storefront: 0, medusa: 0, express: 0, bamboo: 0, postgres: 0 },
    // Slow enough that the page shows "processing" first, fast enough for a short test.
    vendorTiming: { processingAfterMs: 500, settleAfterMs: 2_500 },
    log: () => {},
  });
  browser = await chromium.launch({
    // Debian's /usr/bin/chromium or the one in @sparticuz/chromium: `npm test` says which (vitest.shared.ts).
    executablePath: process.env.GIFTWIRE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.urls.storefront });
}, 300_000); // boots the whole demo: minutes on a busy machine

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await demo?.stop();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function buy(page: Page, vendor: DemoVendor): Promise<string> {
  const product = DEMO_PRODUCTS.find((candidate) => candidate.vendor === vendor)!;
  const amount = product.amounts[0]!;
  await page.goto(demo.urls.storefront);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator(`[data-testid="product-card"][data-handle="${product.handle}"]`).click();
  await page.locator(`[data-testid="amount-option"][data-amount="${amount}"]`).click();
  await page.getByTestId('add-to-cart').click();
  await page.getByTestId('cart-line').first().waitFor();
  await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('1');
  await page.getByTestId('checkout-button').click();
  await page.getByTestId('checkout-page').waitFor();
  if (await page.getByTestId('auth-submit').isVisible()) {
    // The demo customer is prefilled.
    expect(await page.getByTestId('auth-email').inputValue()).toBe(demo.demoCustomer.email);
    await page.getByTestId('auth-submit').click();
  }
  await page.getByTestId('signed-in-as').waitFor();
  await page.getByTestId('place-order').click();
  const orderPage = page.getByTestId('order-page');
  await orderPage.waitFor({ timeout: 30_000 });
  return (await orderPage.getAttribute('data-order-id'))!;
}

describe('the demo storefront', () => {
  for (const vendor of DEMO_VENDORS) {
    it(`sells a ${vendor} gift card and reveals the code the vendor issued`, async () => {
      const page = await context.newPage();
      const orderId = await buy(page, vendor);
      expect(orderId).toMatch(/^order_/);

      const status = page.getByTestId('order-status');
      await page
        .locator('[data-testid="order-status"][data-status="processing"]')
        .waitFor({ timeout: 20_000 });
      await page
        .locator('[data-testid="order-status"][data-status="delivered"]')
        .waitFor({ timeout: 90_000 });
      expect(await status.textContent()).toContain('Delivered');

      const voucher = page.getByTestId('voucher').first();
      const reference = (await voucher.getAttribute('data-reference'))!;
      const issued = demo.sandboxes.bamboo.issuedSecrets(reference);
      expect(issued.codes).toHaveLength(1);
      const code = issued.codes[0]!;

      // Hidden by default: not on the page at all until revealed.
      expect(await voucher.getByTestId('voucher-code').textContent()).toMatch(/^[• ]+$/);
      expect(await page.content()).not.toContain(code);
      mkdirSync(RESULTS_DIR, { recursive: true });
      const screenshot = join(RESULTS_DIR, `storefront-${vendor}-delivered.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      if (process.env.UPDATE_DOCS_SCREENSHOT === '1' && vendor === DEMO_VENDORS[0]) {
        mkdirSync(join(DOCS_SCREENSHOT, '..'), { recursive: true });
        copyFileSync(screenshot, DOCS_SCREENSHOT);
      }

      await voucher.getByTestId('reveal-code').click();
      await expect.poll(() => voucher.getByTestId('voucher-code').textContent()).toBe(code);
      await voucher.getByTestId('copy-code').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
      await page.screenshot({ path: join(RESULTS_DIR, `storefront-${vendor}-revealed.png`), fullPage: true });
      await page.close();
      delivered.push({ orderId, code });
    });
  }

  it("shows each delivery on the admin's order page with the code masked", async () => {
    expect(delivered.length).toBeGreaterThan(0);
    const page = await context.newPage();
    // The admin is served through Vite in development mode: the first load compiles it.
    await page.goto(`${demo.urls.admin}/login`);
    await page.locator('input[name="email"]').fill(demo.demoAdmin.email, { timeout: 120_000 });
    await page.locator('input[name="password"]').fill(demo.demoAdmin.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 });
    for (const { orderId, code } of delivered) {
      await page.goto(`${demo.urls.admin}/orders/${orderId}`);
      const widget = page.locator('[data-testid="giftwire-order-widget"][data-status="delivered"]');
      await widget.waitFor({ timeout: 90_000 });
      await page.locator('[data-testid="giftwire-delivery"][data-state="settled"]').first().waitFor();
      expect(await widget.getByTestId('giftwire-cards').textContent()).toContain('••••••••');
      expect(await widget.getByTestId('giftwire-attempt').count()).toBeGreaterThan(1);
      // Settled: nothing to retry.
      expect(await widget.getByTestId('giftwire-retry').isDisabled()).toBe(true);
      expect(await page.content()).not.toContain(code);
      await widget.scrollIntoViewIfNeeded();
      const screenshot = join(RESULTS_DIR, 'admin-order-widget.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      if (process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(screenshot, ADMIN_DOCS_SCREENSHOT);
    }
    await page.close();
  });
});
