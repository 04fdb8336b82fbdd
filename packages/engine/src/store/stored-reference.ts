import { normalizeReference } from '@giftwire/core';

/**
 * The form a reference is stored and looked up in: lower case, as vendors (which compare GUIDs
 * case-insensitively) see it. Every store applies it to writes and to lookups alike.
 */
export function storedReference(reference: string): string {
  return typeof reference === 'string' ? normalizeReference(reference) : reference;
}
