/** Reason codes from Bamboo's Place Order table, plus `InvalidRequest`, which the table does not list. */
export type BambooReason =
  | 'InvalidRequest'
  | 'WrongAccount'
  | 'InsufficientBalance'
  | 'InvalidProductIds'
  | 'InvalidProduct'
  | 'InvalidDenomination'
  | 'NoProducts'
  | 'OrderAlreadyExists'
  | 'ClientCatalogNotExist'
  | 'OrderNotFound'
  | 'CardsLimitExceeded'
  | 'ProductIsOutOfStock'
  | 'ClientPriceInvalid'
  | 'UserNotEnabled';

/**
 * How a 400/404 body looks. The docs only say "a 400 error with a Bamboo reason code", so the sandbox can
 * answer in each plausible shape and a client has to cope with all of them.
 */
export type ErrorShape = 'string' | 'error' | 'errors';

export function errorBody(
  shape: ErrorShape,
  code: BambooReason | 'TooManyRequests',
  message: string,
): unknown {
  switch (shape) {
    case 'string':
      return code;
    case 'error':
      return { error: code, message };
    case 'errors':
      return { errors: [{ code, message }] };
  }
}
