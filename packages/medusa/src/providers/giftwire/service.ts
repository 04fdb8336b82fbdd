import { ValidationError } from '@giftwire/core';
import type { Fulfiller } from '@giftwire/engine';
import { CancelNotAllowedError, OrderNotFoundError } from '@giftwire/engine';
import type {
  ConfigModule,
  CreateFulfillmentResult,
  FulfillmentDTO,
  FulfillmentItemDTO,
  FulfillmentOption,
  FulfillmentOrderDTO,
  Logger,
} from '@medusajs/framework/types';
import { AbstractFulfillmentProviderService, MedusaError } from '@medusajs/framework/utils';
import { giftwireProviderId } from '../../lib/giftwire-provider-id';
import { itemSku } from '../../lib/item-sku';
import { referenceForFulfillment } from '../../lib/reference-for-fulfillment';
import { providerEntryId } from '../../lib/register-configured-vendors';
import { getEngine, registerProvider } from '../../lib/registrations';
import {
  type GiftwireProviderOptions,
  type ResolvedProviderOptions,
  resolveProviderOptions,
} from './provider-options';

type InjectedDependencies = { logger?: Logger; configModule?: ConfigModule };

/** The fulfillment module's container holds the app's config; a bare test container may not. */
function configOf(cradle: InjectedDependencies): ConfigModule | undefined {
  try {
    return cradle.configModule;
  } catch {
    return undefined;
  }
}

/** What `fulfillment.data` holds. Public: `GET /store/orders/:id` returns it verbatim — never a code here. */
export interface GiftwireFulfillmentData extends Record<string, unknown> {
  reference: string;
  vendor: string;
  status: string;
  state: string;
}

export { SKU_METADATA_KEY } from '../../lib/item-sku';

/**
 * A thin adapter from Medusa's fulfillment calls to the giftwire engine: it places the vendor order and
 * returns at once; settlement (codes, "delivered", the customer's notification) happens outside the provider,
 * which cannot run workflows from the fulfillment module's container.
 */
export class GiftwireFulfillmentProviderService extends AbstractFulfillmentProviderService {
  static override identifier = 'giftwire';

  protected readonly options_: ResolvedProviderOptions;
  protected readonly logger_: Logger | undefined;

  /** Awaited by Medusa's provider loader: a bad option stops boot with the option's name. */
  static validateOptions(options: Record<string, unknown>): void {
    resolveProviderOptions(options);
  }

  constructor(cradle: InjectedDependencies, options: GiftwireProviderOptions) {
    super();
    const { logger } = cradle;
    this.logger_ = logger;
    // Medusa gives a provider its options, not its entry's id; the config says which entry they are.
    const entryId = providerEntryId(configOf(cradle), options);
    this.options_ = resolveProviderOptions(options, entryId ? { entryId } : {});
    registerProvider(this.options_, logger);
  }

  /** Created on first use, not at boot: Medusa's loaders and `db:migrate` should not open vendor connections. */
  protected engine(): Promise<Fulfiller> {
    return getEngine(this.options_.id);
  }

  /** One option per registration, whatever vendors sit behind it: a mixed cart needs one delivery method. */
  override async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    const { vendor, vendors } = this.options_;
    return [
      {
        id: `giftwire-${this.options_.id}-digital`,
        name: 'Digital delivery',
        ...(vendor !== undefined ? { vendor } : { vendors: Object.keys(vendors) }),
        is_return: false,
      },
    ];
  }

  override async validateOption(data: Record<string, unknown>): Promise<boolean> {
    return (
      data.vendor === undefined || (typeof data.vendor === 'string' && data.vendor in this.options_.vendors)
    );
  }

  /**
   * Its return becomes `shipping_method.data`, and Medusa starts every fulfillment's `data` from it: keep it to
   * what is not secret, and name no vendor for a multi-vendor registration (each fulfillment names its own).
   */
  override async validateFulfillmentData(
    optionData: Record<string, unknown>,
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { vendor } = this.options_;
    return { ...data, ...(vendor !== undefined ? { vendor } : {}), option_id: optionData.id };
  }

  override async canCalculate(): Promise<boolean> {
    return false;
  }

  override async calculatePrice(): Promise<never> {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, 'giftwire shipping options use flat prices');
  }

  override async createFulfillment(
    _data: Record<string, unknown>,
    items: Partial<Omit<FulfillmentItemDTO, 'fulfillment'>>[],
    order: Partial<FulfillmentOrderDTO> | undefined,
    fulfillment: Partial<Omit<FulfillmentDTO, 'provider_id' | 'data' | 'items'>>,
  ): Promise<CreateFulfillmentResult> {
    if (!fulfillment.id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        'giftwire needs the fulfillment id to place an order',
      );
    }
    const mapped = items.map((item) => this.lineFor(item, order));
    const vendors = [...new Set(mapped.map((line) => line.vendor))];
    if (vendors.length !== 1) {
      // One fulfillment is one vendor order: staff fulfilling by hand must split the items per vendor.
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${giftwireProviderId(this.options_.id)} cannot place one fulfillment with items of ${
          vendors.length === 0 ? 'no vendor' : vendors.join(' and ')
        }: fulfil each vendor's items separately (one fulfillment per vendor)`,
      );
    }
    const vendor = vendors[0]!;
    const lines = mapped.map(({ vendor: _vendor, ...line }) => line);
    const engine = await this.engine();
    // The same order and lines give the same reference: a retried call, or a fulfillment made again after
    // a crash, returns the existing order.
    const reference = await referenceForFulfillment(engine, order, items, fulfillment.id);
    let placed: Awaited<ReturnType<Fulfiller['submit']>>['order'];
    try {
      ({ order: placed } = await engine.submit({
        vendor,
        request: { reference, lines },
        ...(order?.id ? { shopOrderId: order.id } : {}),
        ...(order?.customer_id ? { customerId: order.customer_id } : {}),
      }));
    } catch (error) {
      // A line the vendor does not sell as mapped (currency, face value): nothing was stored or placed. Its
      // message names the fields and carries no secret; Medusa shows it as bad data, not a server fault.
      if (ValidationError.isInstance(error))
        throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message);
      throw error;
    }
    const data: GiftwireFulfillmentData = {
      reference: placed.reference,
      vendor: placed.vendor,
      status: placed.status,
      state: placed.state,
    };
    return { data, labels: [] };
  }

  /**
   * Also the compensation of a failed fulfillment workflow; Medusa refuses it once shipped or delivered. The
   * reference finds the vendor order in this registration's one engine, whatever its vendor.
   */
  override async cancelFulfillment(data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reference = data.reference;
    if (typeof reference !== 'string') return data; // nothing was submitted
    const engine = await this.engine();
    try {
      const order = await engine.cancel(reference);
      return { ...data, status: order.status, state: order.state };
    } catch (error) {
      if (OrderNotFoundError.isInstance(error)) return data;
      if (CancelNotAllowedError.isInstance(error)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, (error as Error).message);
      }
      throw error;
    }
  }

  override async createReturnFulfillment(): Promise<CreateFulfillmentResult> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      'giftwire cannot return a delivered gift card through the vendor',
    );
  }

  /**
   * Fulfillment items carry `sku` and `line_item_id` but no variant, and the variant reaches providers
   * without metadata (medusa#16621): the SKU, or the line item's `metadata.giftwire_sku`, picks the product.
   */
  private lineFor(
    item: Partial<Omit<FulfillmentItemDTO, 'fulfillment'>>,
    order: Partial<FulfillmentOrderDTO> | undefined,
  ) {
    const lineItem = order?.items?.find((candidate) => candidate.id === item.line_item_id);
    const sku = itemSku(lineItem, item.sku);
    const product = sku ? this.options_.products[sku] : undefined;
    if (!product) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${giftwireProviderId(this.options_.id)} has no product for SKU ${JSON.stringify(sku ?? null)} (line item ${
          item.line_item_id ?? '?'
        }); add it under the provider's "products" option`,
      );
    }
    const quantity = Number(item.quantity);
    if (!Number.isSafeInteger(quantity) || quantity <= 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `giftwire needs a whole quantity; got ${item.quantity}`,
      );
    }
    return {
      vendor: product.vendor,
      productId: product.productId,
      quantity,
      faceValue: { ...product.faceValue },
    };
  }
}
