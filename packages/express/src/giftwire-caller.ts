/** Who is calling, as `authenticate` established it. Orders are scoped to `customerId`. */
export interface GiftwireCaller {
  customerId: string;
}

declare global {
  // Express's own augmentation point: its Request type merges `Express.Request` from this global namespace.
  namespace Express {
    interface Request {
      /** Set by the giftwire router once `authenticate` accepted the request. */
      giftwire?: GiftwireCaller;
      /** The body's bytes, stored by `captureRawBody` when a global `express.json()` read the body first. */
      rawBody?: Buffer;
    }
  }
}
