import { ModuleProvider, Modules } from '@medusajs/framework/utils';
import { GiftwireFulfillmentProviderService } from './service';

export default ModuleProvider(Modules.FULFILLMENT, {
  services: [GiftwireFulfillmentProviderService],
});
