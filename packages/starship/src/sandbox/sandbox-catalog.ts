/** A product the sandbox sells, in Starship's catalog words. */
export interface ProductSeed {
  id: number;
  name: string;
  brand: string;
  currency: string;
  country: string;
  /** `code_with_pin` issues PINs; `code` does not; `claim_url` issues claim URLs too. */
  delivery_type: 'code' | 'code_with_pin' | 'claim_url';
  /** INSTANT products are answered DELIVERED at create; DELAYED ones follow the timeline. */
  delivery_time: 'INSTANT' | 'DELAYED';
  available_denominations: string[];
  /** False: creates are refused with PRODUCT_UNAVAILABLE. */
  orderable?: boolean;
}

/** Ids of the seeded products, for tests and examples. */
export const sandboxProductIds = {
  instantPin: 1001,
  delayedCode: 1002,
  delayedClaim: 1003,
  unavailable: 1004,
} as const;

export const sandboxCatalog: readonly ProductSeed[] = [
  {
    id: sandboxProductIds.instantPin,
    name: 'Sandbox Instant Card',
    brand: 'Sandbox Brand',
    currency: 'USD',
    country: 'US',
    delivery_type: 'code_with_pin',
    delivery_time: 'INSTANT',
    available_denominations: ['10.00', '25.00', '50.00'],
  },
  {
    id: sandboxProductIds.delayedCode,
    name: 'Sandbox Delayed Card',
    brand: 'Sandbox Brand',
    currency: 'USD',
    country: 'US',
    delivery_type: 'code_with_pin',
    delivery_time: 'DELAYED',
    available_denominations: ['10.00', '25.00', '50.00', '100.00'],
  },
  {
    id: sandboxProductIds.delayedClaim,
    name: 'Sandbox Claim Link Card',
    brand: 'Other Brand',
    currency: 'USD',
    country: 'GB',
    delivery_type: 'claim_url',
    delivery_time: 'DELAYED',
    available_denominations: ['5.00', '20.00'],
  },
  {
    id: sandboxProductIds.unavailable,
    name: 'Sandbox Retired Card',
    brand: 'Other Brand',
    currency: 'USD',
    country: 'US',
    delivery_type: 'code',
    delivery_time: 'DELAYED',
    available_denominations: ['10.00'],
    orderable: false,
  },
];
