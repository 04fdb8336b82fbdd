import { model } from '@medusajs/framework/utils';

/**
 * The link version of one order's signed codes links. Every link carries the version it was signed with and
 * is honoured only while it matches: staff revoke all of an order's links by bumping it. No row = version 0.
 */
export const GiftwireCodesLink = model.define('giftwire_codes_link', {
  id: model.id({ prefix: 'gwlnk' }).primaryKey(),
  order_id: model.text().unique(),
  version: model.number().default(0),
});
