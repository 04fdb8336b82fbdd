export { type BenchRow, printRatioTable } from './ratio-table';
export { measureThroughput, type ThroughputResult } from './throughput';
