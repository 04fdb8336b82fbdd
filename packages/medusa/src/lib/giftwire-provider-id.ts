/** Medusa names a provider `<identifier>_<entry id>`: the giftwire provider's identifier is `giftwire`. */
export const GIFTWIRE_PROVIDER_PREFIX = 'giftwire_';

/** A registration's Medusa provider id (`shipping_option.provider_id`, `fulfillment.provider_id`). */
export function giftwireProviderId(registrationId: string): string {
  return `${GIFTWIRE_PROVIDER_PREFIX}${registrationId}`;
}

/** The registration behind a provider id, or undefined when the provider is not giftwire's. */
export function registrationIdOf(providerId: string | null | undefined): string | undefined {
  return providerId?.startsWith(GIFTWIRE_PROVIDER_PREFIX)
    ? providerId.slice(GIFTWIRE_PROVIDER_PREFIX.length)
    : undefined;
}
