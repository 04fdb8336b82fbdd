export type { OrderState, SandboxCard, SandboxLine, SandboxOrder } from './gifthub-api';
export type {
  GiftHubSandboxOptions,
  Outcome,
  OutcomeInput,
  RedeemShape,
} from './gifthub-sandbox-options';
export { sandboxCatalog, sandboxFxRates, sandboxSkus, type ShopItemSeed } from './sandbox-catalog';
export { type GiftHubClientSettings, type GiftHubSandbox, startGiftHubSandbox } from './start-gifthub-sandbox';
