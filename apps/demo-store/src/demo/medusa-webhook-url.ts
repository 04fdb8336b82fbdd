import type { DemoVendor } from '../catalog/demo-products';

/** The demo's one giftwire provider registration (medusa-config.ts): provider id `giftwire_digital`. */
export const GIFTWIRE_REGISTRATION = 'digital';

/**
 * Where a vendor sandbox sends its webhooks on the Medusa side: the plugin's route for that vendor of the
 * demo's one multi-vendor provider.
 *
 * @example
 * medusaWebhookUrl('http://127.0.0.1:9000', 'starship'); // 'http://127.0.0.1:9000/hooks/giftwire/digital/starship'
 */
export function medusaWebhookUrl(medusaUrl: string, vendor: DemoVendor): string {
  return `${medusaUrl}/hooks/giftwire/${GIFTWIRE_REGISTRATION}/${vendor}`;
}
