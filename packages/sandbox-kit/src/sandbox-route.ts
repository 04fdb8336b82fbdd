import type { IncomingHttpHeaders } from 'node:http';
import type { VendorOperation } from '@giftwire/core';
import type { SandboxReply } from './sandbox-reply';

export interface SandboxRequest {
  readonly method: string;
  readonly url: URL;
  /** Path parameters (`:id`), decoded, in the case they were sent. */
  readonly params: Record<string, string>;
  /** Parsed JSON body for routes with `readBody`; undefined when absent or not JSON. */
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
}

export interface SandboxRoute {
  method: string;
  /** A path with `:name` segments, e.g. `/api/orders/:id`. */
  path: string;
  /** The core operation this route is, so faults and `calls()` can name it; none for extras. */
  operation?: Exclude<VendorOperation, 'any'>;
  readBody?: boolean;
  /** May be async, e.g. to wait for a vendor-side step; faults apply to whatever it answers. */
  handle(request: SandboxRequest): SandboxReply | Promise<SandboxReply>;
}
