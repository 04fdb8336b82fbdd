// `medusa exec ./seed.ts` for the restart test: the test store with one $10 card. Writes the ids the test
// needs to GIFTWIRE_RESTART_SEED_OUT.
import { writeFileSync } from 'node:fs';
import type { ExecArgs } from '@medusajs/framework/types';
import { seedGiftCardStore } from '../../test/support/seed-gift-card-store';

export default async function seedRestartTest({ container }: ExecArgs): Promise<void> {
  const store = await seedGiftCardStore(container, 'Restart test store', [
    { sku: 'GC-BAMBOO-10', amount: 10 },
  ]);
  const out = process.env.GIFTWIRE_RESTART_SEED_OUT;
  if (!out) throw new Error('GIFTWIRE_RESTART_SEED_OUT is not set');
  writeFileSync(
    out,
    JSON.stringify({
      regionId: store.region.id,
      salesChannelId: store.salesChannel.id,
      publishableKey: store.publishableKey,
      shippingOptionId: store.shippingOptionId,
      variantId: store.variants['GC-BAMBOO-10']!.id,
    }),
  );
}
