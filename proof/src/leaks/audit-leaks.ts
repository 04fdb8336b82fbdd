import { type FoundSecret, findIssuedSecrets, type SecretsToFind } from '@giftwire/test-kit';
import type { RecordedAnswer } from '../shop/shop-client';
import { NOTIFICATION_MARK } from '../shop/write-notifications';
import type { VendorUnderProof } from '../world/start-proof-world';

/** One place scanned and what was found there: kinds and counts, never a value. */
export interface LeakFinding {
  readonly place: string;
  readonly scanned: number;
  readonly found: readonly FoundSecret[];
}

/**
 * Scans what the shop let out for every secret the sandboxes issued and every credential they accept: the
 * shop process's whole output (its logs, its crashes), every row of every table it wrote, and every answer it
 * gave — headers and bodies. An
 * owner's reveal may carry that order's own codes, and nothing else: no other order's, no credential.
 *
 * @example
 * const findings = auditLeaks(world.vendors, shop.output(), client.recorded, await dumpTables(world.postgres.url));
 * findings.every((f) => f.found.length === 0);
 */
export function auditLeaks(
  vendors: readonly VendorUnderProof[],
  output: string,
  answers: readonly RecordedAnswer[],
  tables: { dump: string; count: number },
): LeakFinding[] {
  const credentials = vendors.flatMap((v) => v.harness.credentials(v.sandbox));
  const everything: SecretsToFind = { ...mergeIssued(vendors, undefined), credentials };
  const notifications = output.split('\n').filter((line) => line.startsWith(NOTIFICATION_MARK));
  const findings: LeakFinding[] = [
    { place: 'shop process output (logs, errors)', scanned: 1, found: findIssuedSecrets(output, everything) },
    {
      place: 'notifications (every engine event, the order serialized as a shop’s notifier would)',
      scanned: notifications.length,
      found: findIssuedSecrets(notifications.join('\n'), everything),
    },
  ];
  findings.push({
    place: 'every table the stack wrote in PostgreSQL (a dump of every row)',
    scanned: tables.count,
    found: findIssuedSecrets(tables.dump, everything),
  });
  const plain = answers.filter((a) => a.revealedTo === undefined);
  findings.push({
    place: 'shop answers other than an owner’s reveal (headers and bodies)',
    scanned: plain.length,
    found: plain.flatMap((a) => findIssuedSecrets(`${a.headers}\n${a.body}`, everything)),
  });
  const reveals = answers.filter((a) => a.revealedTo !== undefined);
  findings.push({
    place: 'owner reveals: anything but that order’s own codes',
    scanned: reveals.length,
    found: reveals.flatMap((a) => {
      const own = mergeIssued(vendors, a.revealedTo);
      const others: SecretsToFind = {
        codes: everything.codes?.filter((c) => !own.codes.includes(c)),
        pins: everything.pins?.filter((p) => !own.pins.includes(p)),
        urls: everything.urls?.filter((u) => !own.urls.includes(u)),
        activationCodes: everything.activationCodes?.filter((c) => !own.activationCodes.includes(c)),
        credentials,
      };
      return findIssuedSecrets(`${a.headers}\n${a.body}`, others);
    }),
  });
  return findings;
}

/** The secrets every sandbox issued (or issued for `reference`), in one list per kind. */
function mergeIssued(vendors: readonly VendorUnderProof[], reference: string | undefined) {
  const issued = vendors.map((v) => v.sandbox.issuedSecrets(reference));
  return {
    codes: issued.flatMap((s) => s.codes),
    pins: issued.flatMap((s) => s.pins),
    urls: issued.flatMap((s) => s.urls),
    activationCodes: issued.flatMap((s) => s.activationCodes ?? []),
  };
}
