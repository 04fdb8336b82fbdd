/** Line-item metadata key that overrides the variant SKU when choosing the vendor product. */
export const SKU_METADATA_KEY = 'giftwire_sku';

/**
 * The SKU that picks a line's vendor product: the line item's `metadata.giftwire_sku` when set, else the
 * fulfillment item's or variant's SKU. Placement (grouping by vendor) and the provider (placing) must agree.
 *
 * @example
 * itemSku({ metadata: { giftwire_sku: 'GC-AMAZON-25' } }, 'VARIANT-SKU'); // "GC-AMAZON-25"
 */
export function itemSku(
  lineItem: { metadata?: Record<string, unknown> | null; variant_sku?: string | null } | undefined,
  ...fallbacks: Array<string | null | undefined>
): string | undefined {
  const override = lineItem?.metadata?.[SKU_METADATA_KEY];
  if (typeof override === 'string' && override) return override;
  for (const sku of [...fallbacks, lineItem?.variant_sku]) if (sku) return sku;
  return undefined;
}
