export type { Authenticate } from './authenticate-caller';
export type { AuthorizePlacement, PlacementRequest } from './authorize-placement';
export { captureRawBody } from './capture-raw-body';
export type { RevealRateLimit } from './create-reveal-rate-limit';
export { type GiftwireOptions, giftwire } from './giftwire';
export type { GiftwireCaller } from './giftwire-caller';
export { giftwireErrorHandler } from './giftwire-error-handler';
export type { PlaceOrderBody } from './parse-place-order';
export { PlaceOrderBodySchema } from './parse-place-order';
export {
  PROBLEM_TYPE_BASE,
  PROBLEM_TYPES,
  type ProblemDetails,
  type ProblemSlug,
} from './problem';
export type { RenderedOrder, RenderedVoucher } from './render-order';
export type { Authorize, GiftwireFulfiller } from './router-context';
