/** Firestore-style timestamp of a sandbox time. */
export function wireTime(ms: number): { _seconds: number; _nanoseconds: number } {
  const seconds = Math.floor(ms / 1000);
  return { _seconds: seconds, _nanoseconds: (ms - seconds * 1000) * 1_000_000 };
}
