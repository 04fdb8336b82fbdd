import type { FoundSecret, SecretsToFind } from '@giftwire/test-kit';
import type { RecordedAnswer } from '../shop/shop-client';
import { NOTIFICATION_MARK } from '../shop/write-notifications';
import type { VendorUnderProof } from '../world/start-proof-world';
import { secretScanner } from './scan-for-secrets';

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
 * `shop` names whose output it is: the Express shop (default), or the Medusa app, whose notifications are rows
 * of its `notification` table (scanned with the dump) rather than lines of its output.
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
  shop: 'shop' | 'Medusa app' = 'shop',
): LeakFinding[] {
  const credentials = vendors.flatMap((v) => v.harness.credentials(v.sandbox));
  const issued = mergeIssued(vendors, undefined);
  const shown = publicValues(vendors);
  const everything: SecretsToFind = {
    ...issued,
    pins: issued.pins.filter((pin) => !shown.has(pin)),
    credentials,
  };
  // Compiled once: a load run leaves tens of thousands of secrets and thousands of answers to scan.
  const scan = secretScanner(everything);
  const notifications = output.split('\n').filter((line) => line.startsWith(NOTIFICATION_MARK));
  const plain = answers.filter((a) => a.revealedTo === undefined);
  const reveals = answers.filter((a) => a.revealedTo !== undefined);
  const secretValue = (found: FoundSecret) => listOf(everything, found.kind)[found.index];
  const medusa = shop === 'Medusa app';
  return [
    { place: `${shop} process output (logs, errors)`, scanned: 1, found: scan(output) },
    ...(medusa
      ? []
      : [
          {
            place: 'notifications (every engine event, the order serialized as a shop’s notifier would)',
            scanned: notifications.length,
            found: scan(notifications.join(SEPARATOR)),
          },
        ]),
    {
      place: medusa
        ? 'every table of the Medusa database (Medusa’s own, its notifications, the vault, the plugin’s engine)'
        : 'every table the stack wrote in PostgreSQL (a dump of every row)',
      scanned: tables.count,
      found: scan(tables.dump),
    },
    {
      place: `${shop} answers other than an owner’s reveal (headers and bodies)`,
      scanned: plain.length,
      found: plain.flatMap((a) => scan(`${a.headers}\n${a.body}`)),
    },
    {
      place: `${medusa ? 'Medusa owner reads of the codes route' : 'owner reveals'}: anything but that order’s own codes`,
      scanned: reveals.length,
      found: reveals.flatMap((a) => {
        const own = mergeIssued(vendors, a.revealedTo);
        const ownValues = new Set([...own.codes, ...own.pins, ...own.urls, ...own.activationCodes]);
        // A credential is never the owner's; any other secret is, only when this order was issued it.
        return scan(`${a.headers}\n${a.body}`).filter(
          (f) => f.kind === 'credential' || !ownValues.has(secretValue(f) ?? ''),
        );
      }),
    },
  ];
}

/** Between texts joined for one scan: no secret spans it. */
const SEPARATOR = '\n\u0000\n';

function listOf(secrets: SecretsToFind, kind: FoundSecret['kind']): readonly string[] {
  const lists = {
    code: secrets.codes,
    pin: secrets.pins,
    url: secrets.urls,
    'activation code': secrets.activationCodes,
    credential: secrets.credentials,
  } as const;
  return lists[kind] ?? [];
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

/** Sample orders per vendor whose face values and product ids count as shown in the open. */
const PUBLIC_SAMPLE = 60;

/**
 * Values the shop shows in the open for some order: every face value and product id of the vendors' sample
 * orders (the ones the suite places), and every amount a sandbox charged. A PIN equal to one of them — a
 * 4-digit PIN "1000" beside a DKK 1000 card's face value — cannot be told from it in any text, so the audit
 * leaves it out (`ambiguousPins` counts them): with thousands of 4-digit PINs issued a few always equal a
 * face value, and every answer showing that face value then read as a leak.
 */
function publicValues(vendors: readonly VendorUnderProof[]): Set<string> {
  const values = new Set<string>();
  for (const { harness, sandbox } of vendors) {
    for (let i = 0; i < PUBLIC_SAMPLE; i++)
      for (const line of harness.sampleRequest('public-values', 1 + (i % 2), i).lines) {
        values.add(line.productId);
        values.add(line.faceValue.amount);
      }
    for (const order of sandbox.orders()) if (order.charged) values.add(order.charged.amount);
  }
  return values;
}

/**
 * How many of the PINs the sandboxes issued the leak audit cannot look for, being equal to a value the shop
 * shows in the open: the report prints it beside the audit.
 *
 * @example
 * log(`leak audit: ${ambiguousPins(world.vendors)} PINs equal a face value, product id or charge`);
 */
export function ambiguousPins(vendors: readonly VendorUnderProof[]): number {
  const shown = publicValues(vendors);
  return mergeIssued(vendors, undefined).pins.filter((pin) => shown.has(pin)).length;
}
