// What shop code may import from `@giftwire/medusa` itself; Medusa loads the rest (provider, module, routes,
// subscriber, job, link, admin widget) from the plugin's folders.
export { fulfillmentReference } from './lib/fulfillment-reference';
export type { DeliveryView, OrderDeliveries, OrderDeliveryStatus } from './lib/order-deliveries';
export type { DeliveryStatus } from './lib/record-delivery';
export type { DeliveredCard } from './lib/seal-cards';
export {
  type DigitalDelivery,
  type DigitalDeliverySetup,
  setUpDigitalDelivery,
} from './lib/set-up-digital-delivery';
export { GIFTWIRE_MODULE } from './modules/giftwire';
export type { GiftwireProviderOptions, ProductMapping } from './providers/giftwire/provider-options';
export { SKU_METADATA_KEY } from './providers/giftwire/service';
