import { findIssuedSecrets } from '@giftwire/test-kit';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { scanForSecrets } from './scan-for-secrets';

it('finds exactly what findIssuedSecrets finds, for any text and secrets', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('"', "'", 'CODE-', '12', 'https://x/'),
  );
  const secretList = fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('12', 'CODE-12', '')), {
    maxLength: 5,
  });
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 30 }),
      secretList,
      secretList,
      secretList,
      secretList,
      (pieces, codes, pins, urls, credentials) => {
        // Secrets sometimes planted in the text, so both hits and misses are tried.
        const text = [...pieces, ...codes.slice(0, 1), `"${pins[0] ?? ''}"`, ...urls.slice(0, 1)].join('');
        const secrets = { codes, pins, urls, credentials };
        expect(scanForSecrets(text, secrets)).toEqual(findIssuedSecrets(text, secrets));
      },
    ),
    { numRuns: 2_000 },
  );
});
