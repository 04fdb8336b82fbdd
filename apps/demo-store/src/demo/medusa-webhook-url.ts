import type { DemoVendor } from '../catalog/demo-products';

/**
 * Where a vendor sandbox sends its webhooks on the Medusa side: the plugin's route for that vendor's giftwire
 * provider (`/hooks/giftwire/<provider id>`).
 *
 * @example
 * medusaWebhookUrl('http://127.0.0.1:9000', 'starship'); // 'http://127.0.0.1:9000/hooks/giftwire/starship'
 */
export function medusaWebhookUrl(medusaUrl: string, vendor: DemoVendor): string {
  return `${medusaUrl}/hooks/giftwire/${vendor}`;
}
