import { z } from 'zod';

/**
 * A getter for zod's compiled form of `schema`, built on the first call. Compiled, a Retrieve Order body is
 * checked in about a third of the runtime parser's time (it is read on every poll); any answer the fast path
 * rejects is parsed again by the runtime parser, so errors name the same fields with the same messages.
 * Compiling costs ~15 ms per schema, hence on first use rather than at import. Where `new Function` is not
 * allowed, zod hands the schema back unchanged.
 *
 * @example
 * const envelope = compiledOnFirstUse(giftHubOrderEnvelopeSchema);
 * envelope().safeParse(body);
 */
export function compiledOnFirstUse<S extends z.ZodType>(schema: S): () => S {
  let compiled: S | undefined;
  return () => {
    compiled ??= z.compile(schema);
    return compiled;
  };
}
