import type { ConfigModule, IFulfillmentModuleService, MedusaContainer } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, MedusaError, Modules } from '@medusajs/framework/utils';
import {
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from '@medusajs/medusa/core-flows';
import { giftwireProviderId } from './giftwire-provider-id';
import { configuredGiftwireProviders, registerConfiguredVendors } from './register-configured-vendors';
import { registrationIds } from './registrations';

export interface DigitalDeliverySetup {
  /** Sales channels that sell the gift cards. */
  salesChannelIds: string[];
  /** Countries the cards are sold to (ISO 3166-1 alpha-2, lower case), e.g. `['us']`. */
  countries: string[];
  /** Currencies the (zero) delivery price is given in, e.g. `['usd']`. */
  currencies: string[];
  /** Regions that get a zero price too (Medusa checks prices per region when the cart has one). */
  regionIds?: string[];
  /**
   * The giftwire provider registrations to offer, by registration id (the provider entry's `id`): `['digital']`
   * → `giftwire_digital`, one option for every vendor of that registration; single-vendor registrations
   * `['bamboo', 'bamboo_eur']` get one option each. Default: every giftwire registration configured in
   * medusa-config.
   */
  registrations?: string[];
  /** @deprecated Same as `registrations` (its entries were always registration ids, not vendor names). */
  vendors?: string[];
  /** Default "Digital delivery". */
  locationName?: string;
  /** Default "Digital delivery (email)". */
  optionName?: string;
}

/** Every giftwire registration of the app's medusa-config (the same list the plugin registers at boot). */
function configuredRegistrations(container: MedusaContainer): string[] {
  registerConfiguredVendors(container);
  const configModule = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE);
  const ids = configuredGiftwireProviders(configModule)
    .map((entry) => entry.id ?? (entry.options as { id?: unknown } | undefined)?.id)
    .filter((id): id is string => typeof id === 'string');
  return ids.length > 0 ? ids : registrationIds();
}

export interface DigitalDelivery {
  locationId: string;
  fulfillmentSetId: string;
  serviceZoneId: string;
  /**
   * Per registration id (the name is kept for compatibility): give gift-card products this shipping profile;
   * carts use this shipping option.
   */
  vendors: Record<string, { providerId: string; shippingProfileId: string; shippingOptionId: string }>;
  /** When exactly one registration was set up (the multi-vendor default): its profile and option. */
  shippingProfileId?: string;
  shippingOptionId?: string;
}

/**
 * Creates what Medusa needs before a giftwire shipping option can be chosen at checkout — the part that fails
 * with "Providers (x) are not enabled for the service location" when one link is missing: a stock location
 * serving the sales channels, each giftwire provider enabled on it, a shipping fulfillment set with a service
 * zone for the countries, and per registration a shipping profile and a zero-priced "Digital delivery" option.
 * With one multi-vendor registration (`id: 'digital'`) that is one profile and one option for every vendor.
 * For seed scripts (`medusa exec`); run it once.
 *
 * @example
 * // src/scripts/seed.ts, run with `npx medusa exec ./src/scripts/seed.ts`
 * export default async function seed({ container }: ExecArgs) {
 *   const delivery = await setUpDigitalDelivery(container, {
 *     salesChannelIds: [salesChannel.id],
 *     countries: ['us'],
 *     currencies: ['usd'],
 *   });
 *   // One multi-vendor registration `digital`: gift-card products of every vendor get this one profile.
 *   const { shippingProfileId, shippingOptionId } = delivery; // also delivery.vendors.digital
 * }
 */
export async function setUpDigitalDelivery(
  container: MedusaContainer,
  setup: DigitalDeliverySetup,
): Promise<DigitalDelivery> {
  const ids = setup.registrations ?? setup.vendors ?? configuredRegistrations(container);
  if (ids.length === 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      'setUpDigitalDelivery: no giftwire provider is configured (add one to the fulfillment module\'s providers) and none was named in "registrations"',
    );
  }
  const link = container.resolve(ContainerRegistrationKeys.LINK);
  const fulfillment = container.resolve<IFulfillmentModuleService>(Modules.FULFILLMENT);
  const name = setup.locationName ?? 'Digital delivery';

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name, address: { address_1: 'Online', country_code: setup.countries[0]! } }] },
  });
  for (const salesChannelId of setup.salesChannelIds) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location!.id, add: [salesChannelId] },
    });
  }
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name,
    type: 'shipping',
    service_zones: [
      {
        name,
        geo_zones: setup.countries.map((country_code) => ({ type: 'country' as const, country_code })),
      },
    ],
  });
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  });
  const serviceZoneId = fulfillmentSet.service_zones[0]!.id;

  const vendors: DigitalDelivery['vendors'] = {};
  for (const id of ids) {
    const providerId = giftwireProviderId(id);
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location!.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: providerId },
    });
    // One profile per registration; a multi-vendor registration fulfils per vendor within it.
    const {
      result: [profile],
    } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: `Gift cards (${id})`, type: 'default' }] },
    });
    const [option] = await fulfillment.retrieveFulfillmentOptions(providerId);
    const {
      result: [shippingOption],
    } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: setup.optionName ?? 'Digital delivery (email)',
          service_zone_id: serviceZoneId,
          shipping_profile_id: profile!.id,
          provider_id: providerId,
          price_type: 'flat',
          type: { label: 'Digital', description: 'Codes on your order page, link by email', code: 'digital' },
          data: option as Record<string, unknown>,
          prices: [
            ...setup.currencies.map((currency_code) => ({ currency_code, amount: 0 })),
            ...(setup.regionIds ?? []).map((region_id) => ({ region_id, amount: 0 })),
          ],
        },
      ],
    });
    vendors[id] = { providerId, shippingProfileId: profile!.id, shippingOptionId: shippingOption!.id };
  }
  const only = ids.length === 1 ? vendors[ids[0]!] : undefined;
  return {
    locationId: location!.id,
    fulfillmentSetId: fulfillmentSet.id,
    serviceZoneId,
    vendors,
    ...(only ? { shippingProfileId: only.shippingProfileId, shippingOptionId: only.shippingOptionId } : {}),
  };
}
