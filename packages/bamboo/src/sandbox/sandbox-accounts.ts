export interface AccountSeed {
  id: number;
  currency: string;
  /** Decimal string, e.g. "100000" or "12.5". */
  balance: string;
  isActive?: boolean;
  /** `true` for a sandbox account; such accounts only work with sandbox credentials and vice versa. */
  sandboxMode?: boolean;
}

/** Default accounts: one per WrongAccount cause plus a EUR account and a nearly empty one. */
export const sandboxAccounts: readonly AccountSeed[] = [
  { id: 555, currency: 'USD', balance: '100000', isActive: true, sandboxMode: true },
  { id: 556, currency: 'USD', balance: '100000', isActive: false, sandboxMode: true },
  { id: 557, currency: 'USD', balance: '100000', isActive: true, sandboxMode: false },
  { id: 558, currency: 'EUR', balance: '50000', isActive: true, sandboxMode: true },
  { id: 559, currency: 'USD', balance: '20', isActive: true, sandboxMode: true },
];
