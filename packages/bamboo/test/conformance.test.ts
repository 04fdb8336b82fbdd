import { describeVendor } from '@giftwire/conformance';
import { bambooHarness } from './bamboo-harness';

describeVendor(bambooHarness);
