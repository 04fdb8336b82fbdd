import type { LoaderOptions } from '@medusajs/framework/types';
import { registerConfiguredVendors } from '../../../lib/register-configured-vendors';

/**
 * Boot, in every process (server, worker, `db:migrate`): registers the giftwire vendors configured on the
 * fulfillment module, so routes and the sync job know them before any cart touches the provider. Only options
 * are read here; no engine is created and no vendor is called.
 */
export default async function registerVendorsLoader({ container }: LoaderOptions): Promise<void> {
  registerConfiguredVendors(container);
}
