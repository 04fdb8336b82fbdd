export type { OrderState, SandboxCard, SandboxLine, SandboxOrder } from './gifthub-api';
export type {
  GiftHubSandboxOptions,
  Outcome,
  OutcomeInput,
  RedeemShape,
} from './gifthub-sandbox-options';
export { type ShopItemSeed, sandboxCatalog, sandboxFxRates, sandboxSkus } from './sandbox-catalog';
export {
  type GiftHubClientSettings,
  type GiftHubSandbox,
  startGiftHubSandbox,
} from './start-gifthub-sandbox';
