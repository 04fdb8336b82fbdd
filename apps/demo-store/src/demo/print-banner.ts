import { join, relative } from 'node:path';
import { DEMO_ADMIN } from '../catalog/demo-identity';
import { DEMO_VENDORS, productsOf, VENDOR_LABELS } from '../catalog/demo-products';
import type { RunningDemo } from './start-demo';

/** The longest label, "Budgetree sandbox", and a space. */
const LABEL_WIDTH = 18;

/** What `pnpm demo` prints once everything is up: where to click, and how to try the Express side. */
export function printBanner(demo: RunningDemo): void {
  const { urls } = demo;
  const example = JSON.stringify({
    lines: [{ productId: '700101', quantity: 1, faceValue: { amount: '25', currency: 'USD' } }],
  });
  // One line per vendor sandbox, with the vendor product ids the Express example can use.
  const sandboxLines = DEMO_VENDORS.map((vendor) => {
    const name = `${VENDOR_LABELS[vendor].split(' ')[0]} sandbox`;
    const products = productsOf(vendor)
      .map((product) => `${product.vendorProductId} ${product.title}`)
      .join(', ');
    return `  ${name.padEnd(LABEL_WIDTH)}${urls.sandboxes[vendor]}   (${products})`;
  });
  const lines = [
    '',
    `giftwire demo store is up (${demo.timings.total?.toFixed(1)} s)`,
    '',
    `  ${'Storefront'.padEnd(LABEL_WIDTH)}${urls.storefront}`,
    `  ${'Medusa store API'.padEnd(LABEL_WIDTH)}${urls.medusa}   (publishable key ${demo.publishableKey})`,
    `  ${'Express API'.padEnd(LABEL_WIDTH)}${urls.expressApi}   (header x-api-key: ${demo.expressApiKey})`,
    ...sandboxLines,
    `  ${'Medusa admin'.padEnd(LABEL_WIDTH)}${urls.admin}   (${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}: open an order for the giftwire widget)`,
    '',
    `  ${'Demo customer'.padEnd(LABEL_WIDTH)}${demo.demoCustomer.email} / ${demo.demoCustomer.password}  (prefilled on the storefront)`,
    '',
    '  Try the Express adapter (the checkout stands in for payment; only a paid order is placed). Any vendor:',
    '  put its name and one of its product ids above in place of "bamboo" and 700101.',
    `    PAID=$(curl -s ${urls.express}/shop/checkout -H 'x-api-key: ${demo.expressApiKey}' -H 'content-type: application/json' -d '${example}')`,
    `    REF=$(node -p 'JSON.parse(process.argv[1]).reference' "$PAID")`,
    `    curl -s ${urls.expressApi}/orders -H 'x-api-key: ${demo.expressApiKey}' -H 'content-type: application/json' \\`,
    `      -d "$(node -p 'JSON.stringify({ vendor: "bamboo", ...JSON.parse(process.argv[1]) })' "$PAID")"`,
    `    curl -s ${urls.expressApi}/orders/$REF -H 'x-api-key: ${demo.expressApiKey}'`,
    `    curl -s "${urls.expressApi}/orders/$REF?reveal=codes" -H 'x-api-key: ${demo.expressApiKey}'`,
    '',
    `  Logs: ${relative(process.cwd(), join(demo.dataDir, 'logs')) || '.'}/ (DEMO_VERBOSE=1 prints them here). Ctrl-C stops everything.`,
    '',
  ];
  console.log(lines.join('\n'));
}
