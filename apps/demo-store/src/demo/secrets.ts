import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoWebhookSecrets } from './vendor-settings';

/** Generated on the first run and kept under the data dir: restarting must not orphan encrypted codes. */
export interface DemoSecrets {
  /** AES-256-GCM voucher key (base64, 32 bytes) for both engines. */
  encryptionKey: string;
  jwtSecret: string;
  cookieSecret: string;
  /** Password of the embedded PostgreSQL's `postgres` user. */
  postgresPassword: string;
  /** The Express side's demo API key (sent as `x-api-key`); printed, it guards nothing of value. */
  expressApiKey: string;
  /** Shared with the Bamboo sandbox's notification callback (Medusa's webhook route). */
  bambooNotificationSecret: string;
  /** Svix signing secret of the sandbox's webhook deliveries to the Express side. */
  bambooWebhookSecret: string;
  /** Signs the Starship sandbox's webhooks to Medusa. */
  starshipWebhookSecret: string;
  /** The shared secret the GiftHub sandbox's webhooks to Medusa carry in a header. */
  gifthubWebhookSecret: string;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

function generate(): DemoSecrets {
  return {
    encryptionKey: randomBytes(32).toString('base64'),
    jwtSecret: token(32),
    cookieSecret: token(32),
    postgresPassword: token(18),
    expressApiKey: `demo_${token(12)}`,
    bambooNotificationSecret: token(24),
    bambooWebhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
    starshipWebhookSecret: token(24),
    gifthubWebhookSecret: token(24),
  };
}

/** The webhook secrets in the shape the sandboxes and vendor settings take. */
export function webhookSecretsOf(secrets: DemoSecrets): DemoWebhookSecrets {
  return {
    bambooNotification: secrets.bambooNotificationSecret,
    bambooSvix: secrets.bambooWebhookSecret,
    starship: secrets.starshipWebhookSecret,
    gifthub: secrets.gifthubWebhookSecret,
  };
}

export function loadOrCreateSecrets(dataDir: string): DemoSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    // A secret added by a later version of the demo is generated and saved beside the old ones.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoSecrets>;
    const merged = { ...generate(), ...saved };
    if (Object.keys(saved).length !== Object.keys(merged).length) save(file, merged);
    return merged;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = generate();
  save(file, secrets);
  return secrets;
}

function save(file: string, secrets: DemoSecrets): void {
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
