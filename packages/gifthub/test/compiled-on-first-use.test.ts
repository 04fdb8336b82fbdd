import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compiledOnFirstUse } from '../src/compiled-on-first-use';
import { giftHubOrderEnvelopeSchema } from '../src/index';

const page = JSON.parse(
  readFileSync(new URL('./__fixtures__/retrieve-order-response.json', import.meta.url), 'utf8'),
) as { data: Record<string, unknown> };
const compiled = compiledOnFirstUse(giftHubOrderEnvelopeSchema);

describe('compiledOnFirstUse', () => {
  it('builds the compiled schema once and answers the page example as the runtime parser does', () => {
    expect(compiled()).toBe(compiled());
    // Node allows `new Function`: this is the compiled clone, not the schema handed back unchanged.
    expect(compiled()).not.toBe(giftHubOrderEnvelopeSchema);
    expect(compiled().safeParse(page)).toStrictEqual(giftHubOrderEnvelopeSchema.safeParse(page));
    // Absent and null optional fields come out exactly as the runtime parser leaves them.
    const sparse = {
      message: null,
      data: { uid: 'u-1', state: 'created', reference: null, invoice: undefined },
    };
    expect(compiled().safeParse(sparse)).toStrictEqual(giftHubOrderEnvelopeSchema.safeParse(sparse));
  });

  it('rejects another shape with the runtime parser’s issues: the same paths and messages, no value', () => {
    const broken = structuredClone(page);
    broken.data.state = 42;
    broken.data.redeem = { 'gc035-208-1000': { redeemPin: ['MV97-QWEK-4EQ5-0082-GRW3', 7] } };
    broken.data.invoice = { total: '134.11', wallet: 'EUR' };
    const ours = compiled().safeParse(broken);
    const runtime = giftHubOrderEnvelopeSchema.safeParse(broken);
    expect(ours.success).toBe(false);
    expect(ours.error?.issues).toEqual(runtime.error?.issues);
    expect(ours.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'data.invoice.total',
      'data.redeem.gc035-208-1000.redeemPin.1',
      'data.state',
    ]);
    expect(JSON.stringify(ours.error?.issues.map((issue) => issue.message))).not.toContain('MV97');
  });
});
