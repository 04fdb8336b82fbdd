/**
 * An answer: the server writes `body` with `JSON.stringify` (nothing when undefined), or `text` verbatim.
 */
export interface SandboxReply {
  status: number;
  body?: unknown;
  /**
   * Sent as it is instead of `body`, as `text/html` unless `headers` name a content type: for answers that
   * are not JSON at all, such as a firewall's HTML error page in front of the vendor's API.
   */
  text?: string;
  headers?: Record<string, string>;
}
