export { type Comparison, compareThroughput, compareTimePerCall, median, timePerCall } from './compare';
export { type BenchRow, printRatioTable } from './ratio-table';
export { measureThroughput, type ThroughputResult } from './throughput';
