import { describe, expect, it } from 'vitest';
import { classifyBudgetreeReason, findBudgetreeReason } from './budgetree-reasons';

describe('classifyBudgetreeReason', () => {
  it.each([
    [5313, 'duplicate_reference', false],
    [5320, 'not_found', false],
    [10466, 'invalid_request', false],
    [10467, 'conflict', false],
    [8221, 'conflict', true],
    [5300, 'invalid_request', false],
  ] as const)('400 with code %s → %s', (code, normalized, retryable) => {
    expect(classifyBudgetreeReason(400, { code, message: 'x', messages: [] })).toEqual({
      code: normalized,
      vendorCode: String(code),
      retryable,
    });
  });

  it('reads only the code field: never the message text, never a 5xx body', () => {
    expect(classifyBudgetreeReason(400, { message: 'code 5313', messages: [] })).toBeUndefined();
    expect(classifyBudgetreeReason(502, { code: 5313 })).toBeUndefined();
    expect(classifyBudgetreeReason(500, { code: 5320 })).toBeUndefined();
    expect(findBudgetreeReason('<html>5313</html>')).toBeUndefined();
    expect(findBudgetreeReason({ code: '5320' })).toBe('5320');
    expect(findBudgetreeReason({ code: 'E1' })).toBeUndefined();
  });

  it('401 and 403 keep their status reading (an unknown code is not a reason)', () => {
    expect(classifyBudgetreeReason(401, { code: 401, message: 'token' })).toBeUndefined();
    expect(classifyBudgetreeReason(403, { code: 9999 })).toBeUndefined();
  });
});
