import { describe, expect, it } from 'vitest';
import { BAMBOO_REASONS, findBambooReason } from './bamboo-reasons';

const TABLE = [
  'WrongAccount',
  'InsufficientBalance',
  'InvalidProductIds',
  'InvalidProduct',
  'InvalidDenomination',
  'NoProducts',
  'OrderAlreadyExists',
  'ClientCatalogNotExist',
  'OrderNotFound',
  'CardsLimitExceeded',
  'ProductIsOutOfStock',
  'ClientPriceInvalid',
  'UserNotEnabled',
];

describe('Bamboo reason codes', () => {
  it('maps every reason in the Place Order table', () => {
    expect(Object.keys(BAMBOO_REASONS).sort()).toEqual([...TABLE].sort());
    expect(BAMBOO_REASONS.OrderAlreadyExists?.code).toBe('duplicate_reference');
    expect(BAMBOO_REASONS.InsufficientBalance?.code).toBe('insufficient_balance');
    expect(BAMBOO_REASONS.ProductIsOutOfStock?.code).toBe('product_unavailable');
    expect(BAMBOO_REASONS.InvalidDenomination?.code).toBe('invalid_denomination');
    expect(BAMBOO_REASONS.CardsLimitExceeded?.code).toBe('limit_exceeded');
    expect(BAMBOO_REASONS.OrderNotFound?.code).toBe('not_found');
  });

  it.each([
    ['a bare string', 'InsufficientBalance'],
    ['{ error }', { error: 'InsufficientBalance', message: 'Not enough money' }],
    ['{ errors: [{ code }] }', { errors: [{ code: 'InsufficientBalance', message: 'x' }] }],
    ['a nested detail', { title: 'Bad Request', detail: { reason: 'InsufficientBalance' } }],
    ['a code listed after a message', { message: 'Validation failed', code: 'InsufficientBalance' }],
  ])('finds the reason in %s', (_shape, body) => {
    expect(findBambooReason(body)).toBe('InsufficientBalance');
  });

  it('prefers a code field over a message that mentions another reason', () => {
    expect(findBambooReason({ message: 'See InvalidProduct docs', code: 'InvalidProductIds' })).toBe(
      'InvalidProductIds',
    );
  });

  it.each([
    ['a sentence in a message', { message: 'Order rejected. Reason: InsufficientBalance.' }],
    ['a gateway page', '<html><body>502 Bad Gateway (InvalidProductIds upstream)</body></html>'],
    ['a sentence in a code field', { error: 'Upstream said InsufficientBalance' }],
    ['a title', { title: 'InsufficientBalance' }],
    ['a padded string', ' InsufficientBalance '],
  ])('never reads a reason out of free text: %s', (_shape, body) => {
    expect(findBambooReason(body)).toBeUndefined();
  });

  it('finds nothing in a body without a known reason', () => {
    expect(findBambooReason({ error: 'Something else' })).toBeUndefined();
    expect(findBambooReason(null)).toBeUndefined();
    expect(findBambooReason(42)).toBeUndefined();
  });
});
