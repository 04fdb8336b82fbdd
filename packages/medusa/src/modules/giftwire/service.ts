import { MedusaService } from '@medusajs/framework/utils';
import { GiftwireDelivery } from './models/giftwire-delivery';

/** CRUD over delivered vendor orders; sealing and opening the cards lives in `lib/sealed-cards`. */
export default class GiftwireModuleService extends MedusaService({ GiftwireDelivery }) {}
