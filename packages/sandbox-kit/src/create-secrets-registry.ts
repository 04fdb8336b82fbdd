import type { IssuedSecrets } from './vendor-sandbox';

export interface IssuedCard {
  code?: string | null;
  pin?: string | null;
  url?: string | null;
  activationCode?: string | null;
}

export interface SecretsRegistry {
  /** Records what was issued for the order under `reference`. */
  record(reference: string, card: IssuedCard): void;
  /** Everything issued, or only under `reference`; in issue order. */
  issued(reference?: string): IssuedSecrets;
}

/**
 * Every code, PIN and claim URL a sandbox issued, by order reference, for `issuedSecrets()` leak scans.
 *
 * @example
 * const secrets = createSecretsRegistry({ normalize: (ref) => ref.toLowerCase() });
 * secrets.record(order.reference, { code: card.code, pin: card.pin });
 * secrets.issued(); // { codes: [...], pins: [...], urls: [] }
 */
export function createSecretsRegistry(
  options: { normalize?(reference: string): string } = {},
): SecretsRegistry {
  const normalize = options.normalize ?? ((reference: string) => reference);
  const byReference = new Map<string, IssuedCard[]>();
  return {
    record(reference, card) {
      const key = normalize(reference);
      let cards = byReference.get(key);
      if (!cards) {
        cards = [];
        byReference.set(key, cards);
      }
      cards.push({ ...card });
    },
    issued(reference) {
      const cards =
        reference === undefined
          ? [...byReference.values()].flat()
          : (byReference.get(normalize(reference)) ?? []);
      const pick = (field: keyof IssuedCard) =>
        cards.flatMap((card) => (card[field] == null ? [] : [card[field] as string]));
      const secrets = { codes: pick('code'), pins: pick('pin'), urls: pick('url') };
      // Only vendors that issue activation codes list them, so every other sandbox's answer keeps its shape.
      const activationCodes = pick('activationCode');
      return activationCodes.length > 0 ? { ...secrets, activationCodes } : secrets;
    },
  };
}
