import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@giftwire/test-kit';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VENDORS, type DemoVendor, productsOf, VENDOR_LABELS } from '../src/catalog/demo-products';
import { type RunningDemo, startDemo } from '../src/demo/start-demo';
import { APP_DIR } from '../src/demo/start-medusa';

// Buys a mixed cart — one gift card of each vendor — through the storefront in Chromium with one checkout,
// waits for the plugin to deliver every card, reveals and copies each value and compares it with what that
// vendor's sandbox issued, then looks at the order in the admin. One demo boot serves every case.

const RESULTS_DIR = join(APP_DIR, 'test-results');
const DOCS_SCREENSHOT = join(APP_DIR, '..', '..', 'docs', 'storefront.png');
const ADMIN_DOCS_SCREENSHOT = join(APP_DIR, '..', '..', 'docs', 'admin-widget.png');
const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOT === '1';
/** A phone's width: where a 32-character code used to wrap mid-value. */
const NARROW = { width: 360, height: 900 };

let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let dataDir: string;
/** Undefined when no PostgreSQL server answers: the demo then brings its embedded one. */
let database: TestDatabase | undefined;
/** What the storefront case bought, for the admin case. */
let bought: { orderId: string; secrets: string[] } | undefined;

/**
 * No secret in a page's HTML. A long value counts anywhere; a short one (a 3–6 digit PIN) only as a whole
 * value — an element's text or an attribute — since its digits also occur in CSS and ids by chance.
 */
function expectNoSecretIn(html: string, secrets: readonly string[]) {
  for (const secret of secrets) {
    if (secret.length >= 8) expect(html.includes(secret), 'a secret in the page').toBe(false);
    else
      expect(
        [`>${secret}<`, `"${secret}"`, `'${secret}'`].some((form) => html.includes(form)),
        'a PIN in the page',
      ).toBe(false);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'giftwire-demo-test-'));
  database = await createTestDatabase({ prefix: 'giftwire_demo_test' }).catch(() => undefined);
  demo = await startDemo({
    dataDir,
    ...(database ? { databaseUrl: database.connectionString } : {}),
    ports: {
      storefront: 0,
      medusa: 0,
      express: 0,
      bamboo: 0,
      starship: 0,
      budgetree: 0,
      gifthub: 0,
      postgres: 0,
    },
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

/** The card the test buys from a vendor: the first the shop sells for it, at its first amount. */
const cardOf = (vendor: DemoVendor) => {
  const product = productsOf(vendor)[0]!;
  return { product, amount: product.amounts[0]! };
};

/** Puts one card of each vendor in the cart, then checks out once; answers the order id. */
async function buyMixedCart(page: Page): Promise<string> {
  for (const [index, vendor] of DEMO_VENDORS.entries()) {
    const { product, amount } = cardOf(vendor);
    await page.goto(demo.urls.storefront);
    await page.locator('body[data-ready="true"]').waitFor();
    const productCard = page.locator(`[data-testid="product-card"][data-handle="${product.handle}"]`);
    // Who fulfils the card is on the card itself.
    expect(await productCard.getByTestId('product-vendor').textContent()).toBe(VENDOR_LABELS[vendor]);
    await productCard.click();
    await page.locator(`[data-testid="amount-option"][data-amount="${amount}"]`).click();
    await page.getByTestId('add-to-cart').click();
    // The first add also creates the cart: a few round trips to Medusa.
    await expect
      .poll(() => page.getByTestId('cart-count').textContent(), { timeout: 20_000 })
      .toBe(String(index + 1));
  }
  await page
    .getByTestId('cart-line')
    .nth(DEMO_VENDORS.length - 1)
    .waitFor();
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

/** True when everything the element shows sits on one line: no value is split across lines. */
function onOneLine(value: Locator): Promise<boolean> {
  return value.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = Array.from(range.getClientRects(), (rect) => rect.top);
    const lineHeight = Number.parseFloat(getComputedStyle(element).fontSize) * 1.2;
    return tops.length > 0 && Math.max(...tops) - Math.min(...tops) < lineHeight / 2;
  });
}

/** The card fields the page shows for a voucher, by name (`code`, `pin`, `claim_url`, …). */
async function fieldNames(voucher: Locator): Promise<string[]> {
  return voucher
    .getByTestId('voucher-field')
    .evaluateAll((fields) => fields.map((field) => (field as HTMLElement).dataset.field!));
}

describe('the demo storefront', () => {
  it('sells one card of each vendor in one checkout and shows each code as its vendor issued it', async () => {
    const page = await context.newPage();
    const orderId = await buyMixedCart(page);
    expect(orderId).toMatch(/^order_/);
    // The summary says who fulfils each line.
    expect(await page.getByTestId('order-item-vendor').allTextContents()).toEqual(
      expect.arrayContaining(DEMO_VENDORS.map((vendor) => `Fulfilled by ${VENDOR_LABELS[vendor]}`)),
    );

    const status = page.getByTestId('order-status');
    await page.locator('[data-testid="order-status"][data-status="processing"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="order-status"][data-status="delivered"]').waitFor({ timeout: 120_000 });
    expect(await status.textContent()).toContain('Delivered');

    // One vendor order per vendor, each delivered, each under its vendor's name.
    const deliveries = page.getByTestId('delivery');
    expect(await deliveries.count()).toBe(DEMO_VENDORS.length);
    const byVendor = new Map<DemoVendor, string>();
    for (const delivery of await deliveries.all()) {
      expect(await delivery.getAttribute('data-status')).toBe('fulfilled');
      byVendor.set(
        (await delivery.getAttribute('data-vendor')) as DemoVendor,
        (await delivery.getAttribute('data-reference'))!,
      );
    }
    expect([...byVendor.keys()].sort()).toEqual([...DEMO_VENDORS].sort());
    for (const vendor of DEMO_VENDORS) {
      // Exactly one vendor order at each sandbox, holding the one card bought from it.
      expect(demo.sandboxes[vendor].orders.list()).toHaveLength(1);
      expect(demo.sandboxes[vendor].issuedSecrets(byVendor.get(vendor)!).codes).toHaveLength(1);
    }

    // Hidden by default: no code, PIN or link of any vendor is on the page until revealed.
    const everySecret = DEMO_VENDORS.flatMap((vendor) => {
      const issued = demo.sandboxes[vendor].issuedSecrets(byVendor.get(vendor)!);
      return [...issued.codes, ...issued.pins, ...issued.urls, ...(issued.activationCodes ?? [])];
    });
    const html = await page.content();
    expectNoSecretIn(html, everySecret);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const screenshot = join(RESULTS_DIR, 'storefront-mixed-delivered.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    if (UPDATE_DOCS) {
      mkdirSync(join(DOCS_SCREENSHOT, '..'), { recursive: true });
      copyFileSync(screenshot, DOCS_SCREENSHOT);
    }

    // Revealed on a phone-sized screen, where a long value has the least room.
    await page.setViewportSize(NARROW);
    for (const vendor of DEMO_VENDORS) {
      const reference = byVendor.get(vendor)!;
      const issued = demo.sandboxes[vendor].issuedSecrets(reference);
      const voucher = page.locator(`[data-testid="voucher"][data-reference="${reference}"]`);
      expect(await voucher.count()).toBe(1);
      expect(await voucher.getByTestId('voucher-vendor').textContent()).toBe(
        `Fulfilled by ${VENDOR_LABELS[vendor]}`,
      );
      // What the vendor issued, by the field the page shows it in: nothing more, nothing less.
      const expected: Record<string, string> = { code: issued.codes[0]! };
      if (issued.pins[0]) expected.pin = issued.pins[0];
      if (issued.urls[0]) expected.claim_url = issued.urls[0];
      if (issued.activationCodes?.[0]) expected.activation_code = issued.activationCodes[0];
      const shown = (await fieldNames(voucher)).filter((name) => name !== 'serial');
      expect(shown.sort(), `${vendor}'s card fields`).toEqual(Object.keys(expected).sort());

      await voucher.getByTestId('reveal-code').click();
      await expect.poll(() => voucher.getAttribute('data-revealed'), { timeout: 5_000 }).toBe('true');
      for (const [name, value] of Object.entries(expected)) {
        const slot = voucher.locator(`[data-field-value="${name}"]`);
        expect(await slot.textContent(), `${vendor} ${name}`).toBe(value);
        expect(await onOneLine(slot), `${vendor} ${name} on one line`).toBe(true);
        await voucher.locator(`[data-copy-field="${name}"]`).click();
        // The clipboard holds the whole value, not the groups it is shown in.
        expect(await page.evaluate(() => navigator.clipboard.readText()), `${vendor} ${name} copied`).toBe(
          value,
        );
      }
    }
    // Long values scroll inside their own boxes: the page itself never gets wider than the phone.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      'horizontal overflow of the page (px)',
    ).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(RESULTS_DIR, 'storefront-mixed-revealed-narrow.png'),
      fullPage: true,
    });
    await page.close();
    bought = { orderId, secrets: everySecret };
  });

  it("shows the order's four vendor orders on the admin's order page, codes masked", async () => {
    expect(bought, 'the storefront case bought the order').toBeDefined();
    const page = await context.newPage();
    // The admin is served through Vite in development mode: the first load compiles it.
    await page.goto(`${demo.urls.admin}/login`);
    await page.locator('input[name="email"]').fill(demo.demoAdmin.email, { timeout: 120_000 });
    await page.locator('input[name="password"]').fill(demo.demoAdmin.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 60_000 });
    await page.goto(`${demo.urls.admin}/orders/${bought!.orderId}`);
    const widget = page.locator('[data-testid="giftwire-order-widget"][data-status="delivered"]');
    await widget.waitFor({ timeout: 90_000 });
    const deliveries = widget.getByTestId('giftwire-delivery');
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(DEMO_VENDORS.length);
    expect(await widget.locator('[data-testid="giftwire-delivery"][data-state="settled"]').count()).toBe(
      DEMO_VENDORS.length,
    );
    // One vendor order per vendor, each named with its vendor.
    const vendors = await deliveries.evaluateAll((rows) =>
      rows.map((row) => (row as HTMLElement).dataset.vendor),
    );
    expect(vendors.sort()).toEqual([...DEMO_VENDORS].sort());
    const text = (await deliveries.allTextContents()).join('\n');
    for (const vendor of DEMO_VENDORS) expect(text).toContain(vendor);
    for (const cards of await widget.getByTestId('giftwire-cards').allTextContents()) {
      expect(cards).toContain('••••••••');
    }
    expect(await widget.getByTestId('giftwire-attempt').count()).toBeGreaterThan(DEMO_VENDORS.length);
    // Settled: nothing to retry.
    for (const retry of await widget.getByTestId('giftwire-retry').all())
      expect(await retry.isDisabled()).toBe(true);
    const html = await page.content();
    expectNoSecretIn(html, bought!.secrets);
    // The admin scrolls inside its own pane, so a full-page shot shows one screen: a tall window fits the
    // whole widget with its four vendor orders.
    await page.setViewportSize({ width: 1280, height: 3200 });
    await widget.scrollIntoViewIfNeeded();
    const screenshot = join(RESULTS_DIR, 'admin-order-widget.png');
    await widget.screenshot({ path: screenshot });
    if (UPDATE_DOCS) copyFileSync(screenshot, ADMIN_DOCS_SCREENSHOT);
    await page.close();
  });
});
