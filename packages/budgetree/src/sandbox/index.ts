export type {
  SandboxCard,
  SandboxOrder,
  SandboxOutcome,
  SandboxStatus,
} from './budgetree-api';
export { signatureOf } from './check-signature';
export { type SandboxProduct, sandboxCatalog, sandboxSkus } from './sandbox-catalog';
export {
  type BudgetreeClientSettings,
  type BudgetreeSandbox,
  type BudgetreeSandboxOptions,
  startBudgetreeSandbox,
} from './start-budgetree-sandbox';
