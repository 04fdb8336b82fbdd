// `medusa exec ./seed.ts` for the proof suite's Medusa shop: the test store selling one card of each vendor
// (a variant per vendor SKU) through the `digital` registration, and a staff user for the admin routes. Writes
// the ids the suite needs to PROOF_MEDUSA_SEED_OUT.
import { writeFileSync } from 'node:fs';
import type { ExecArgs, IAuthModuleService } from '@medusajs/framework/types';
import { Modules } from '@medusajs/framework/utils';
import { createUserAccountWorkflow } from '@medusajs/medusa/core-flows';
import { seedGiftCardStore } from '../../packages/medusa/test/support/seed-gift-card-store';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`proof/medusa-app seed: ${name} is not set`);
  return value;
}

export default async function seedProofShop({ container }: ExecArgs): Promise<void> {
  const skus = JSON.parse(required('PROOF_MEDUSA_SKUS')) as string[];
  const store = await seedGiftCardStore(
    container,
    'Proof store',
    skus.map((sku) => ({ sku, amount: 10, label: sku })),
    { registrations: ['digital'], productTitle: 'Gift card' },
  );
  // What `medusa user` does, without booting Medusa a second time: an emailpass identity, then a user on it.
  const [email, password] = [required('PROOF_MEDUSA_ADMIN_EMAIL'), required('PROOF_MEDUSA_ADMIN_PASSWORD')];
  const auth = container.resolve<IAuthModuleService>(Modules.AUTH);
  const { authIdentity, error } = await auth.register('emailpass', { body: { email, password } });
  if (!authIdentity) throw new Error(`the proof shop's staff user was not registered: ${error}`);
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, userData: { email } },
  });
  writeFileSync(
    required('PROOF_MEDUSA_SEED_OUT'),
    JSON.stringify({
      regionId: store.region.id,
      salesChannelId: store.salesChannel.id,
      publishableKey: store.publishableKey,
      shippingOptionId: store.shippingOptionId,
      variants: Object.fromEntries(skus.map((sku) => [sku, store.variants[sku]!.id])),
    }),
  );
}
