export type { FieldMessage } from './error-body';
export {
  type Outcome,
  type OutcomeInput,
  STARSHIP_WEBHOOK_RETRIES_MS,
  type StarshipSandboxOptions,
  type StarshipScenario,
  type StarshipWebhookSettings,
} from './resolve-sandbox-options';
export { type ProductSeed, sandboxCatalog, sandboxProductIds } from './sandbox-catalog';
export type { SandboxOrder, SandboxVoucher, StarshipStatus } from './starship-api';
export { defaultStarshipRateLimits, type StarshipRateLimits, starshipRateRules } from './starship-rate-rules';
export { starshipSandboxSignature } from './starship-sandbox-signature';
export {
  type StarshipClientSettings,
  type StarshipSandbox,
  startStarshipSandbox,
} from './start-starship-sandbox';
