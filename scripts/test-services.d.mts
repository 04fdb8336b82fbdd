// Types for the parts of test-services.mjs that TypeScript callers use (the proof suite).
export interface StartedService {
  url: string;
  stop(): Promise<void>;
}
export interface RestartablePostgres extends StartedService {
  /** Shuts the server down, keeping its data and port. */
  pause(): Promise<void>;
  /** Starts it again after `pause`. */
  resume(): Promise<void>;
}
export function startEmbeddedPostgres(
  root: string,
  log: (line: string) => void,
): Promise<RestartablePostgres>;
export function startRedis(log: (line: string) => void): Promise<StartedService>;
export function freePort(): Promise<number>;
