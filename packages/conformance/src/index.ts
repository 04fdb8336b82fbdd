// What a harness is written against, so a vendor's test needs no import of its own from the kit.
export type {
  IssuedSecrets,
  RateViolation,
  SandboxFault,
  SandboxFaultOptions,
  SandboxOrderSummary,
  VendorSandbox,
} from '@giftwire/sandbox-kit';
export { describeVendor } from './describe-vendor';
export {
  type DeliveredWebhook,
  startVendorWorld,
  type VendorWorld,
  type VendorWorldOptions,
  type WorldLeakReport,
} from './start-vendor-world';
export type {
  AnyVendorSandbox,
  SandboxScenario,
  UnsupportedOutcome,
  VendorHarness,
  WebhookHarness,
} from './vendor-harness';
export { isSettled, needsAttention, waitForOrder } from './wait-for-order';
