import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  type BambooSandbox,
  expectNothingSecretLogged,
  type Fulfiller,
  fileLogs,
  http,
  type Listening,
} from './support/world';

let sandbox: BambooSandbox;
let fulfiller: Fulfiller;
let server: Listening;

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
  ({ sandbox, fulfiller, server } = testApp);
});

afterAll(() => testApp.close());

const VALID = {
  vendor: 'bamboo',
  reference: '6f1c2b8e-4a3d-4f5e-9a7b-1c2d3e4f5a6b',
  lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
  recipient: { email: 'a@example.com', name: 'A' },
  shopOrderId: 'shop-1',
};

/** Values no field of an order accepts where a specific type or range is required. */
const wrong = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.constant(''),
  fc.string().filter((s) => !/^\d/.test(s) && s !== 'bamboo'),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);

/** Where in a valid body one bad value goes; each path must make the order invalid. */
const PATHS: readonly (readonly (string | number)[])[] = [
  ['vendor'],
  ['reference'],
  ['lines'],
  ['lines', 0],
  ['lines', 0, 'productId'],
  ['lines', 0, 'quantity'],
  ['lines', 0, 'faceValue'],
  ['lines', 0, 'faceValue', 'amount'],
  ['lines', 0, 'faceValue', 'currency'],
  ['recipient'],
  ['recipient', 'email'],
];

function replaced(path: readonly (string | number)[], value: unknown): unknown {
  const body = structuredClone(VALID) as unknown as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = body;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return body;
}

/**
 * A replacement that happens to be valid at its path is not a bad body: any non-empty product id is one
 * (the vendor decides whether it exists), and a recipient object's unknown keys are dropped.
 */
function isStillValid(path: readonly (string | number)[], value: unknown): boolean {
  const last = path.at(-1);
  if (last === 'productId') return typeof value === 'string' && value !== '';
  if (last === 'currency') return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
  if (last === 'recipient') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return false;
}

const badBody = fc.oneof(
  fc
    .tuple(fc.constantFrom(...PATHS), wrong)
    .filter(([path, value]) => !isStillValid(path, value))
    .map(([path, value]) => JSON.stringify(replaced(path, value))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  // Quantities and amounts out of range, or a wrong type deep in a line.
  fc
    .record({
      quantity: fc.oneof(
        fc.integer({ max: 0 }),
        fc.double({ min: 0.01, max: 10, noInteger: true }),
        fc.constant(501),
      ),
      amount: fc.constantFrom('0', '-1', '1e3', '10.', '.5', ' 10', 'NaN'),
    })
    .chain(({ quantity, amount }) =>
      fc.constantFrom(
        JSON.stringify(replaced(['lines', 0, 'quantity'], quantity)),
        JSON.stringify(replaced(['lines', 0, 'faceValue', 'amount'], amount)),
      ),
    ),
);

describe('bad bodies', () => {
  it('1,000 generated bad bodies: always 4xx, never 5xx, nothing submitted', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(badBody, async (text) => {
        const res = await http(`${server.url}/orders`, {
          method: 'POST',
          headers: { ...as('fuzz'), 'content-type': 'application/json' },
          body: text,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 1_000 },
    );
    expect(statuses.get(400)).toBeGreaterThan(900);
    expect((await fulfiller.list()).orders).toEqual([]);
    expect(sandbox.placeOrderCalls).toBe(0);
  }, 60_000);
});

describe('logs', () => {
  it('hold no code, PIN or credential from anything this file did', () => {
    expect(fileLogs.text().length).toBeGreaterThan(0);
    expectNothingSecretLogged(fileLogs.text(), [sandbox]);
  });
});
