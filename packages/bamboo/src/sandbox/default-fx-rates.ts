/** Rates the sandbox settles with unless told otherwise; EUR:USD is the docs' own example. */
export const defaultFxRates: Readonly<Record<string, string>> = {
  'EUR:USD': '1.0851',
  'USD:EUR': '0.9216',
  'GBP:USD': '1.2712',
  'USD:GBP': '0.7867',
  'GBP:EUR': '1.1715',
  'EUR:GBP': '0.8536',
};
