import type { IssuedSecrets } from '@giftwire/sandbox-kit';
import { describeFound, findIssuedSecrets } from './find-issued-secrets';

/**
 * A sandbox (`Pick<VendorSandbox, 'issuedSecrets'>`), or anything that can list what it issued; a kind it
 * does not list (a vendor without PINs) is simply not looked for.
 */
export interface SecretSource {
  issuedSecrets(): Partial<IssuedSecrets>;
}

export type ScannedLogs = string | readonly string[] | { text(): string };

export interface SecretScanOptions {
  /** Credentials the test configured (client secret, signing secret): none of them may show either. */
  credentials?: readonly string[];
  /** Ends the error's sentence "2 codes were … in clear" (default `logged`, or `serialized` for values). */
  where?: string;
}

/**
 * Fails if any code, PIN or claim URL the sandbox(es) issued — or a listed credential — is in the logs.
 * The error says how many of which kind leaked, never the secret itself (test output is logged too).
 *
 * @example
 * const logs = captureLogs();
 * // ... run orders through an engine logging to `logs` ...
 * expectNothingSecretLogged(logs, sandbox, { credentials: ['sandbox-secret'] });
 */
export function expectNothingSecretLogged(
  logs: ScannedLogs,
  sandbox: SecretSource | readonly SecretSource[],
  options: SecretScanOptions = {},
): void {
  const text =
    typeof logs === 'string'
      ? logs
      : Array.isArray(logs)
        ? logs.join('\n')
        : (logs as { text(): string }).text();
  expectNothingSecretInText(text, sandbox, { where: 'logged', ...options });
}

/** The shared check, for any text (a table dump, a page): `expectNothingSecretLogged` without the "logs". */
export function expectNothingSecretInText(
  text: string,
  sandbox: SecretSource | readonly SecretSource[],
  { credentials = [], where = 'found' }: SecretScanOptions = {},
): void {
  const sources: readonly SecretSource[] = Array.isArray(sandbox) ? sandbox : [sandbox as SecretSource];
  const found = sources.flatMap((source) => findIssuedSecrets(text, source.issuedSecrets()));
  found.push(...findIssuedSecrets(text, { credentials }));
  if (found.length > 0) {
    throw new Error(`${describeFound(found)} ${found.length === 1 ? 'was' : 'were'} ${where} in clear`);
  }
}
