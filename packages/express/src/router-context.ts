import type { Fulfiller, FulfillmentOrder, Logger } from '@giftwire/engine';
import type { Request } from 'express';
import type { AuthorizePlacement } from './authorize-placement';
import type { SettledOrderCache } from './settled-order-cache';

/** The part of the engine the router uses, so a test or a proxy can stand in for a whole fulfiller. */
export type GiftwireFulfiller = Pick<
  Fulfiller,
  'submit' | 'get' | 'list' | 'handleWebhook' | 'health' | 'running' | 'vendors'
>;

export type Authorize = (req: Request, order: FulfillmentOrder) => boolean | Promise<boolean>;

/** What every route handler shares; built once per router. */
export interface RouterContext {
  fulfiller: GiftwireFulfiller;
  authorize: Authorize;
  authorizePlacement: AuthorizePlacement;
  /** Already redacting: a Secret or a `code` field that slips into a log line prints `[redacted]`. */
  logger: Logger;
  cache: SettledOrderCache;
  /** `req.baseUrl` + this gives the public path of an order, for `Location`. */
  basePath: string;
}
