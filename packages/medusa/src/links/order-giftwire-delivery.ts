import { defineLink } from '@medusajs/framework/utils';
import OrderModule from '@medusajs/medusa/order';
import GiftwireModule from '../modules/giftwire';

/** An order has one giftwire delivery per vendor fulfillment. */
export default defineLink(OrderModule.linkable.order, {
  linkable: GiftwireModule.linkable.giftwireDelivery,
  isList: true,
});
