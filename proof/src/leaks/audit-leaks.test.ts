import { expect, it } from 'vitest';
import type { VendorUnderProof } from '../world/start-proof-world';
import { ambiguousPins, auditLeaks } from './audit-leaks';

/** One vendor that issued PINs "1000" (a face value its orders show) and "4821", and one code. */
const vendor = {
  vendor: 'fake',
  harness: {
    credentials: () => ['client-secret-value'],
    sampleRequest: (reference: string) => ({
      reference,
      lines: [{ productId: 'sku-dkk', quantity: 1, faceValue: { amount: '1000', currency: 'DKK' } }],
    }),
  },
  sandbox: {
    orders: () => [{ charged: { amount: '2000', currency: 'DKK' } }],
    issuedSecrets: () => ({ codes: ['CODE-LONG-ENOUGH'], pins: ['1000', '4821'], urls: [] }),
  },
} as unknown as VendorUnderProof;

const answer = (body: unknown) => ({
  status: 200,
  headers: 'content-type: application/json',
  body: JSON.stringify(body),
});
const noTables = { dump: '', count: 0 };

it('does not take a face value for a PIN that happens to equal it, and still finds the other PINs', () => {
  const shown = answer({ faceValue: { amount: '1000', currency: 'DKK' } });
  const leaked = answer({ voucher: { pin: '4821' } });
  const [, , , plain] = auditLeaks([vendor], '', [shown, leaked], noTables);
  expect(plain!.found).toEqual([{ kind: 'pin', index: 0 }]);
  expect(ambiguousPins([vendor])).toBe(1);
});
