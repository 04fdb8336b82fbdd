import type { ShopClient } from '../shop/shop-client';
import type { ProofWorld } from '../world/start-proof-world';
import { PROOF_FAULTS, type ProofFault } from './fault-catalog';
import { type FaultCaseResult, runFaultCase } from './run-fault-case';

export interface FaultMatrixOptions {
  /** Orders per vendor and fault (the short form: 1). */
  repeat: number;
  log: (line: string) => void;
}

/**
 * Every fault against every vendor, `repeat` orders each. The vendors run side by side (each its own sandbox,
 * its faults one at a time, so a fault meets the order it was armed for); crashes of the one shop process run
 * last, one order at a time, since a crash stops every vendor's traffic with it.
 */
export async function runFaultMatrix(
  world: ProofWorld,
  client: ShopClient,
  { repeat, log }: FaultMatrixOptions,
): Promise<FaultCaseResult[]> {
  const vendorFaults = PROOF_FAULTS.filter((f) => f.kind === 'vendor');
  const crashFaults = PROOF_FAULTS.filter((f) => f.kind === 'crash');
  const results: FaultCaseResult[] = [];
  let index = 0;
  const run = async (vendor: ProofWorld['vendors'][number], fault: ProofFault) => {
    const result = await runFaultCase(world.shop, client, vendor, fault, index++);
    results.push(result);
    log(
      `faults: ${vendor.vendor} × ${fault.id}: ${result.tally.state}${result.reached ? '' : ' (not reached)'}`,
    );
  };
  await Promise.all(
    world.vendors.map(async (vendor) => {
      for (const fault of vendorFaults) for (let i = 0; i < repeat; i += 1) await run(vendor, fault);
    }),
  );
  for (const fault of crashFaults)
    for (const vendor of world.vendors) for (let i = 0; i < repeat; i += 1) await run(vendor, fault);
  return results;
}
