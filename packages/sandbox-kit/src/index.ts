export type {
  IssuedSecrets,
  RateViolation,
  SandboxFault,
  SandboxFaultOptions,
  SandboxFaults,
  SandboxOrderSummary,
  SandboxOrders,
  VendorSandbox,
} from './vendor-sandbox';
