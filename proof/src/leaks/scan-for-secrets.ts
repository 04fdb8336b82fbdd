import type { FoundSecret, SecretKind, SecretsToFind } from '@giftwire/test-kit';

/** Every needle is found through its first KEY characters: one pass over the text, a map lookup per position. */
const KEY = 4;

/**
 * What test-kit's `findIssuedSecrets` answers — the same kinds, indexes and rules (a PIN counts only as a
 * whole quoted value) — in one pass over `text` instead of one per secret. The proof suite scans tens of
 * megabytes of output for tens of thousands of secrets after a load run; a search per secret would take an
 * hour there.
 *
 * @example
 * scanForSecrets(output, { codes: ['CODE-1'], pins: ['1234'] }); // [] when nothing leaked
 */
export function scanForSecrets(text: string, secrets: SecretsToFind): FoundSecret[] {
  return secretScanner(secrets)(text);
}

/**
 * `scanForSecrets` with the secrets compiled once, for scanning many texts (every answer of a run) for them.
 *
 * @example
 * const scan = secretScanner(issued);
 * const found = answers.flatMap((a) => scan(a.body));
 */
export function secretScanner(secrets: SecretsToFind): (text: string) => FoundSecret[] {
  const needles = new Map<string, { needle: string; kind: SecretKind; index: number }[]>();
  const shortNeedles: { needle: string; kind: SecretKind; index: number }[] = [];
  const add = (
    kind: SecretKind,
    values: readonly string[] | undefined,
    forms: (value: string) => string[],
  ) => {
    (values ?? []).forEach((value, index) => {
      // An empty secret would "occur" everywhere; it is not a secret anyone can leak.
      if (value.length === 0) return;
      for (const needle of forms(value)) {
        if (needle.length < KEY) {
          shortNeedles.push({ needle, kind, index });
          continue;
        }
        const key = needle.slice(0, KEY);
        const list = needles.get(key) ?? [];
        list.push({ needle, kind, index });
        needles.set(key, list);
      }
    });
  };
  const asIs = (value: string) => [value];
  add('code', secrets.codes, asIs);
  add('pin', secrets.pins, (pin) => [`"${pin}"`, `'${pin}'`]);
  add('url', secrets.urls, asIs);
  add('activation code', secrets.activationCodes, asIs);
  add('credential', secrets.credentials, asIs);

  // The order findIssuedSecrets answers in: by kind as it scans them, then by index.
  const order: SecretKind[] = ['code', 'pin', 'url', 'activation code', 'credential'];
  return (text) => {
    const found = new Map<string, FoundSecret>();
    const hit = (kind: SecretKind, index: number) => found.set(`${kind}\u0000${index}`, { kind, index });
    for (let i = 0; i + KEY <= text.length; i += 1) {
      const candidates = needles.get(text.slice(i, i + KEY));
      if (!candidates) continue;
      for (const c of candidates) if (text.startsWith(c.needle, i)) hit(c.kind, c.index);
    }
    for (const c of shortNeedles) if (text.includes(c.needle)) hit(c.kind, c.index);
    return [...found.values()].sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.index - b.index,
    );
  };
}
