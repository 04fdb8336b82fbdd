export { type CapturedLogs, captureLogs, type LogEntry, type LogLevel } from './capture-logs';
export {
  createTestDatabase,
  onTestPostgres,
  TEST_POSTGRES_URL,
  type TestDatabase,
  type TestDatabaseOptions,
} from './create-test-database';
export { type DumpOptions, dumpPostgresTables } from './dump-postgres-tables';
export { expectNothingSecretIn } from './expect-nothing-secret-in';
export {
  expectNothingSecretInText,
  expectNothingSecretLogged,
  type ScannedLogs,
  type SecretScanOptions,
  type SecretSource,
} from './expect-nothing-secret-logged';
export {
  describeFound,
  type FoundSecret,
  findIssuedSecrets,
  type SecretKind,
  type SecretsToFind,
} from './find-issued-secrets';
export {
  type ForkedWorker,
  type ForkWorkerOptions,
  forkWorker,
  killWorkers,
  type WorkerExit,
} from './fork-worker';
export { jsonForScan, serializeForScan } from './serialize-for-scan';
export {
  type RecordedRequest,
  type RecordingAnswer,
  type RecordingServer,
  type RecordingServerOptions,
  type Responder,
  startRecordingServer,
} from './start-recording-server';
export { startTcpProxy, type TcpProxy, throughProxy } from './start-tcp-proxy';
export { scaled, TIME_SCALE } from './time-scale';
export { type WaitForOptions, waitFor } from './wait-for';
