import { describeVendor } from '@giftwire/conformance';
import { starshipHarness } from './starship-harness';

describeVendor(starshipHarness);
