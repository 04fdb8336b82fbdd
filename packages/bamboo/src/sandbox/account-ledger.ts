import { type D, WalletLedger } from '@giftwire/sandbox-kit';
import type { AccountSeed } from './sandbox-accounts';

export interface Account {
  readonly id: number;
  readonly currency: string;
  readonly isActive: boolean;
  readonly sandboxMode: boolean;
  readonly balance: D;
}

/** Bamboo's accounts: the kit's wallet plus the two flags that decide WrongAccount. */
export class AccountLedger {
  readonly wallet = new WalletLedger<number>();
  readonly #flags = new Map<number, { isActive: boolean; sandboxMode: boolean }>();

  constructor(seeds: readonly AccountSeed[]) {
    for (const seed of seeds) {
      this.wallet.open(seed.id, seed.currency, seed.balance);
      this.#flags.set(seed.id, { isActive: seed.isActive ?? true, sandboxMode: seed.sandboxMode ?? true });
    }
  }

  get(id: number): Account | undefined {
    const account = this.wallet.get(id);
    const flags = this.#flags.get(id);
    if (!account || !flags) return undefined;
    return { id, currency: account.currency, ...flags, balance: account.balance };
  }

  toJson(): { accounts: unknown[] } {
    return {
      accounts: [...this.wallet.all()].map((a) => ({
        id: a.id,
        currency: a.currency,
        balance: a.balance.toNumber(),
        ...this.#flags.get(a.id),
      })),
    };
  }
}
