import { describeVendor } from '@giftwire/conformance';
import { giftHubHarness } from './gifthub-harness';

describeVendor(giftHubHarness);
