import type { IssuedSecrets } from '@giftwire/sandbox-kit';

export type SecretKind = 'code' | 'pin' | 'url' | 'activation code' | 'credential';

/** A secret found in scanned text: its kind and its position in the list it came from, never its value. */
export interface FoundSecret {
  readonly kind: SecretKind;
  readonly index: number;
}

export interface SecretsToFind extends Partial<IssuedSecrets> {
  /** Client secrets, API keys, webhook signing secrets the test configured. */
  readonly credentials?: readonly string[];
}

/**
 * Which of `secrets` occur in `text`. Codes, claim URLs and credentials are long, so any occurrence
 * counts; PINs are short (4 digits match timestamps), so they count only as a whole quoted string — a
 * JSON value (`"1234"`) or an inspected one (`'1234'`).
 *
 * @example
 * findIssuedSecrets(logs.text(), sandbox.issuedSecrets()); // [] when nothing leaked
 */
export function findIssuedSecrets(text: string, secrets: SecretsToFind): FoundSecret[] {
  const found: FoundSecret[] = [];
  const scan = (
    kind: SecretKind,
    values: readonly string[] | undefined,
    occurs: (value: string) => boolean,
  ) => {
    (values ?? []).forEach((value, index) => {
      // An empty secret would "occur" everywhere; it is not a secret anyone can leak.
      if (value.length > 0 && occurs(value)) found.push({ kind, index });
    });
  };
  scan('code', secrets.codes, (code) => text.includes(code));
  scan('pin', secrets.pins, (pin) => text.includes(`"${pin}"`) || text.includes(`'${pin}'`));
  scan('url', secrets.urls, (url) => text.includes(url));
  scan('activation code', secrets.activationCodes, (code) => text.includes(code));
  scan('credential', secrets.credentials, (credential) => text.includes(credential));
  return found;
}

/** "2 codes and 1 PIN": what a failing scan says, without a single secret in it. */
export function describeFound(found: readonly FoundSecret[]): string {
  const names: Record<SecretKind, [string, string]> = {
    code: ['code', 'codes'],
    pin: ['PIN', 'PINs'],
    url: ['claim URL', 'claim URLs'],
    'activation code': ['activation code', 'activation codes'],
    credential: ['credential', 'credentials'],
  };
  const parts: string[] = [];
  for (const kind of Object.keys(names) as SecretKind[]) {
    const count = found.filter((f) => f.kind === kind).length;
    if (count > 0) parts.push(`${count} ${names[kind][count === 1 ? 0 : 1]}`);
  }
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
