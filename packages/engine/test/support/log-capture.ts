// Kept for the Bamboo tests under test/bamboo (moving to the conformance suite); new tests import test-kit.
export { captureLogs } from '@giftwire/test-kit';
