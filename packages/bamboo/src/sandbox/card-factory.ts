import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { formatVendorTime } from './vendor-time';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Card data shaped like the docs' example: 32-hex code, 3–4 digit PIN, UUID serial, expiry a year out. */
export function newCardSecrets(createdAt: number): {
  serialNumber: string;
  cardCode: string;
  pin: string;
  expirationDate: string;
} {
  return {
    serialNumber: randomUUID(),
    cardCode: randomBytes(16).toString('hex'),
    pin: String(randomInt(100, 10_000)),
    expirationDate: formatVendorTime(createdAt + YEAR_MS),
  };
}
