export { type Comparison, compareThroughput, compareTimePerCall, median, timePerCall } from './compare';
export { type OrderCostProbe, orderCost } from './order-cost';
export { type OrderCost, type PlacementCeiling, placementCeiling } from './placement-ceiling';
export { type BenchRow, printRatioTable } from './ratio-table';
export { measureThroughput, type ThroughputResult } from './throughput';
