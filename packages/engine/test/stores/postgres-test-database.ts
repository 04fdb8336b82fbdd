// Kept for the Bamboo tests under test/bamboo (moving to the conformance suite); new tests import test-kit.
export { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '@giftwire/test-kit';
