import { D } from './decimal';

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

export interface Account {
  readonly id: number;
  readonly currency: string;
  readonly isActive: boolean;
  readonly sandboxMode: boolean;
  balance: D;
}

/** Account balances, debited when an order is accepted and credited back for cards that fail. */
export class AccountLedger {
  readonly #accounts = new Map<number, Account>();

  constructor(seeds: readonly AccountSeed[]) {
    for (const seed of seeds) {
      if (this.#accounts.has(seed.id)) throw new TypeError(`accounts: id ${seed.id} appears twice`);
      if (!/^-?\d+(\.\d+)?$/.test(seed.balance)) {
        throw new TypeError(`accounts: balance of ${seed.id} must be a decimal string`);
      }
      this.#accounts.set(seed.id, {
        id: seed.id,
        currency: seed.currency.toUpperCase(),
        isActive: seed.isActive ?? true,
        sandboxMode: seed.sandboxMode ?? true,
        balance: new D(seed.balance),
      });
    }
  }

  get(id: number): Account | undefined {
    return this.#accounts.get(id);
  }

  debit(id: number, amount: D): void {
    const account = this.#require(id);
    account.balance = account.balance.sub(amount);
  }

  credit(id: number, amount: D): void {
    const account = this.#require(id);
    account.balance = account.balance.add(amount);
  }

  toJson(): { accounts: unknown[] } {
    return {
      accounts: [...this.#accounts.values()].map((a) => ({
        id: a.id,
        currency: a.currency,
        balance: a.balance.toNumber(),
        isActive: a.isActive,
        sandboxMode: a.sandboxMode,
      })),
    };
  }

  #require(id: number): Account {
    const account = this.#accounts.get(id);
    if (!account) throw new RangeError(`unknown account ${id}`);
    return account;
  }
}
