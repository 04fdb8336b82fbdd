import type { AccessPartResult } from '../access/run-access';
import { runMedusaAccess } from '../access/run-medusa-access';
import type { BadInputPartResult } from '../bad-input/run-bad-input';
import { runMedusaBadInput } from '../bad-input/run-medusa-bad-input';
import type { FaultCaseResult } from '../faults/run-fault-case';
import { runMedusaFaultMatrix } from '../faults/run-medusa-fault-matrix';
import { ROUTER_BASE } from '../shop/shop-config';
import type { ProofWorld } from '../world/start-proof-world';
import { type MedusaClient, medusaClient } from './medusa-client';

/** The parts run through the Medusa app (its leak audit comes last, with the Express shop's). */
export interface MedusaPartsResult {
  readonly faults: FaultCaseResult[];
  readonly access: AccessPartResult;
  readonly badInput: BadInputPartResult;
  /** Every answer Medusa gave, for the leak audit. */
  readonly client: MedusaClient;
}

/**
 * The fault matrix, access and bad input through the world's Medusa app. While they run, the relay forwards
 * the sandboxes' webhooks to Medusa's routes (`/hooks/giftwire/digital/<vendor>`) instead of the Express
 * shop's — one target at a time, so each shop under test gets its vendors' webhooks as a vendor sends them —
 * and back to the Express shop afterwards. Orders of one shop still in flight meanwhile are followed by that
 * shop's polling (a webhook is only a hint).
 *
 * @example
 * const medusa = await runMedusaParts(world, { short: true, log: console.log });
 */
export async function runMedusaParts(
  world: ProofWorld,
  { short, log }: { short: boolean; log: (line: string) => void },
): Promise<MedusaPartsResult> {
  const client = medusaClient(world.medusa.url, world.medusa.store);
  world.relay.forwardTo(world.medusa.webhookBase);
  try {
    const faults = await runMedusaFaultMatrix(world, client, { repeat: short ? 1 : 3, log });
    const access = await runMedusaAccess(world, client, { log });
    const badInput = await runMedusaBadInput(world, client, { perRoute: short ? 300 : 3_000, log });
    return { faults, access, badInput, client };
  } finally {
    world.relay.forwardTo(`${world.shop.url}${ROUTER_BASE}/webhooks`);
  }
}
