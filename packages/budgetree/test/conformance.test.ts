import { describeVendor } from '@giftwire/conformance';
import { budgetreeHarness } from './budgetree-harness';

describeVendor(budgetreeHarness);
