import { D } from './decimal';

export interface WalletAccount<Id> {
  readonly id: Id;
  readonly currency: string;
  balance: D;
}

/**
 * The shop's prepaid balances at a vendor, one account per id and currency. Amounts are decimal strings or
 * decimals, never floats; a debit may take an account below zero only if the vendor checked it first.
 *
 * @example
 * const wallet = new WalletLedger<number>();
 * wallet.open(555, 'USD', '100');
 * wallet.debit(555, '18.9401');
 * wallet.refund(555, '0.9401');
 * wallet.balanceOf(555); // '82'
 */
export class WalletLedger<Id = string> {
  readonly #accounts = new Map<Id, WalletAccount<Id>>();

  open(id: Id, currency: string, balance: string): WalletAccount<Id> {
    if (this.#accounts.has(id)) throw new TypeError(`accounts: id ${String(id)} appears twice`);
    if (!/^-?\d+(\.\d+)?$/.test(balance)) {
      throw new TypeError(`accounts: balance of ${String(id)} must be a decimal string`);
    }
    const account = { id, currency: currency.toUpperCase(), balance: new D(balance) };
    this.#accounts.set(id, account);
    return account;
  }

  get(id: Id): WalletAccount<Id> | undefined {
    return this.#accounts.get(id);
  }

  all(): IterableIterator<WalletAccount<Id>> {
    return this.#accounts.values();
  }

  debit(id: Id, amount: D | string): void {
    const account = this.#require(id);
    account.balance = account.balance.sub(amount);
  }

  refund(id: Id, amount: D | string): void {
    const account = this.#require(id);
    account.balance = account.balance.add(amount);
  }

  /** The balance as a decimal string. */
  balanceOf(id: Id): string {
    return this.#require(id).balance.toFixed();
  }

  #require(id: Id): WalletAccount<Id> {
    const account = this.#accounts.get(id);
    if (!account) throw new RangeError(`unknown account ${String(id)}`);
    return account;
  }
}
