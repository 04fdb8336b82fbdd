/**
 * Whether `id` could name a row at all. PostgreSQL refuses text holding a NUL character: a query with one
 * fails ("invalid message format") instead of finding nothing, which a route would answer with a 5xx. Such an
 * id names nothing, so routes answer it as they answer a missing order, before it reaches the database.
 *
 * @example
 * if (!canBeStoredId(orderId)) return undefined; // the same 404 as a made-up id
 */
export function canBeStoredId(id: string): boolean {
  return !id.includes('\u0000');
}
