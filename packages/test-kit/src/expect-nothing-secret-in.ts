import {
  expectNothingSecretInText,
  type SecretScanOptions,
  type SecretSource,
} from './expect-nothing-secret-logged';
import { serializeForScan } from './serialize-for-scan';

/**
 * Fails if an issued secret shows in `JSON.stringify(value)` or `util.inspect(value)`: for errors, API
 * answers and order views that a shop might log or print. Like `expectNothingSecretLogged`, the error
 * names kinds and counts only.
 *
 * @example
 * const error = await fulfiller.submit(bad).catch((e) => e);
 * expectNothingSecretIn(error, sandbox);
 */
export function expectNothingSecretIn(
  value: unknown,
  sandbox: SecretSource | readonly SecretSource[],
  options: SecretScanOptions = {},
): void {
  expectNothingSecretInText(serializeForScan(value), sandbox, { where: 'serialized', ...options });
}
