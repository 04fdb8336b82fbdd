/** A JSON answer: the server writes `body` with `JSON.stringify` (nothing when undefined). */
export interface SandboxReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
