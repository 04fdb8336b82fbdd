// Types for the parts of test-services.mjs that TypeScript callers use (the proof suite).
export interface StartedService {
  url: string;
  stop(): Promise<void>;
}
export interface RestartableService extends StartedService {
  /** Shuts the server down, keeping its port (PostgreSQL: and its data). */
  pause(): Promise<void>;
  /** Starts it again after `pause`. */
  resume(): Promise<void>;
}
export function startEmbeddedPostgres(root: string, log: (line: string) => void): Promise<RestartableService>;
export function startRedis(log: (line: string) => void): Promise<RestartableService>;
export function freePort(): Promise<number>;
