import type { MedusaClient } from '../medusa/medusa-client';
import type { ProofWorld } from '../world/start-proof-world';
import { PROOF_FAULTS } from './fault-catalog';
import type { FaultCaseResult } from './run-fault-case';
import { runMedusaCrashCases, runMedusaFaultCase } from './run-medusa-fault-case';

/**
 * The fault matrix through the Medusa app: every fault × every vendor, `repeat` orders each. As in the
 * Express matrix, vendors run side by side with their faults one at a time; crashes come last, each one
 * kill of the one Medusa process for every vendor's order at once (a kill stops them all anyway, and a
 * restart costs seconds of boot).
 *
 * @example
 * const results = await runMedusaFaultMatrix(world, client, { repeat: 1, log: console.log });
 */
export async function runMedusaFaultMatrix(
  world: ProofWorld,
  client: MedusaClient,
  { repeat, log }: { repeat: number; log: (line: string) => void },
): Promise<FaultCaseResult[]> {
  const adminToken = await world.medusa.adminToken();
  const customers = Object.fromEntries(
    await Promise.all(
      world.vendors.map(
        async (v) => [v.vendor, await client.signUp(`faults-${v.vendor}@proof.example`)] as const,
      ),
    ),
  );
  const context = { world, client, adminToken, customers };
  const results: FaultCaseResult[] = [];
  let index = 0;
  const record = (result: FaultCaseResult) => {
    results.push(result);
    const note = result.notRun ? ' (not run)' : result.reached ? '' : ' (not reached)';
    log(`medusa faults: ${result.vendor} × ${result.fault}: ${result.tally.state}${note}`);
  };
  await Promise.all(
    world.vendors.map(async (vendor) => {
      for (const fault of PROOF_FAULTS)
        if (fault.kind === 'vendor')
          for (let i = 0; i < repeat; i += 1)
            record(await runMedusaFaultCase(context, vendor, fault, index++));
    }),
  );
  for (const fault of PROOF_FAULTS)
    if (fault.kind === 'crash')
      for (let i = 0; i < repeat; i += 1)
        for (const result of await runMedusaCrashCases(context, fault, index++)) record(result);
  return results;
}
