import type { WebhookInput } from '@giftwire/core';
import {
  expectNothingSecretInText,
  expectNothingSecretLogged,
  type ScannedLogs,
  type SecretSource,
} from '@giftwire/test-kit';
import type { RenderedOrder } from '../../src/index';
import type { AnyVendorSandbox } from './world';
import { as, type HttpAnswer, http, postJson } from './world';

/** The header a test's `authorize` asks for before it lets an owner see codes (a step-up check). */
export const STEP_UP = { 'x-step-up': 'ok' } as const;

/** One answer the router gave, and — for a successful reveal — the order whose codes it may carry. */
export interface RecordedAnswer {
  answer: HttpAnswer<unknown>;
  revealed?: string;
}

/**
 * The router's HTTP API as a shop client calls it, keeping every answer (status, headers, body) so the
 * test can scan all of them for secrets at the end, not only the ones it thought to check.
 *
 * @example
 * const client = recordingClient(app.base);
 * await client.place({ vendor: 'bamboo', ...bambooHarness.sampleRequest(randomUUID()) }, 'alice');
 * expectNothingSecretAnswered(client.recorded, sandboxes, credentials);
 */
export function recordingClient(base: string) {
  const recorded: RecordedAnswer[] = [];
  const keep = <T>(answer: HttpAnswer<T>, revealed?: string): HttpAnswer<T> => {
    recorded.push(revealed === undefined ? { answer } : { answer, revealed });
    return answer;
  };
  return {
    recorded,
    /** `T`: the order on a 2xx, `ProblemDetails` when the test expects a refusal. */
    async place<T = RenderedOrder>(body: unknown, customer: string) {
      return keep(await postJson<T>(`${base}/orders`, body, as(customer)));
    },
    async get(reference: string, customer: string) {
      return keep(await http<RenderedOrder>(`${base}/orders/${reference}`, { headers: as(customer) }));
    },
    async list(customer: string) {
      type Page = { orders: RenderedOrder[]; nextCursor: string | null };
      return keep(await http<Page>(`${base}/orders?limit=100`, { headers: as(customer) }));
    },
    /** The guarded reveal: `?reveal=codes` with the step-up header the test's `authorize` wants. */
    async reveal(reference: string, customer: string) {
      const answer = await http<RenderedOrder>(`${base}/orders/${reference}?reveal=codes`, {
        headers: { ...as(customer), ...STEP_UP },
      });
      return keep(answer, answer.status === 200 ? reference : undefined);
    },
    /** Posts a webhook exactly as given: its headers and its raw bytes. */
    async webhook(vendor: string, input: WebhookInput) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(input.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody);
      return keep(await http(`${base}/webhooks/${vendor}`, { method: 'POST', headers, body }));
    },
    async postRaw(path: string, body: unknown, customer?: string) {
      return keep(await postJson(`${base}${path}`, body, customer ? as(customer) : {}));
    },
  };
}

export type RecordingClient = ReturnType<typeof recordingClient>;

/**
 * Fails if any answer's headers or body carry an issued secret or a credential — except that a successful
 * reveal carries its own order's codes (to their owner: the reveal answered 200 only to them). The
 * error names kinds and counts, never a secret.
 */
export function expectNothingSecretAnswered(
  recorded: readonly RecordedAnswer[],
  sandboxes: readonly AnyVendorSandbox[],
  credentials: readonly string[],
): void {
  recorded.forEach(({ answer, revealed }, index) => {
    const text = `${JSON.stringify(answer.headers)}\n${answer.text}`;
    const sources = revealed === undefined ? sandboxes : sandboxes.map((s) => allButOrder(s, revealed));
    expectNothingSecretInText(text, sources, {
      credentials,
      where: `in answer ${index} (HTTP ${answer.status})`,
    });
  });
}

/** Every secret `sandbox` issued except the values of order `reference`'s (a PIN may recur elsewhere). */
function allButOrder(sandbox: AnyVendorSandbox, reference: string): SecretSource {
  return {
    issuedSecrets() {
      const all = sandbox.issuedSecrets();
      const own = sandbox.issuedSecrets(reference);
      const except = (values: readonly string[], mine: readonly string[]) =>
        values.filter((v) => !mine.includes(v));
      return {
        codes: except(all.codes, own.codes),
        pins: except(all.pins, own.pins),
        urls: except(all.urls, own.urls),
        activationCodes: except(all.activationCodes ?? [], own.activationCodes ?? []),
      };
    },
  };
}

/** The logs scan with every sandbox's secrets and every credential. */
export function expectNothingSecretInLogs(
  logs: ScannedLogs,
  sandboxes: readonly AnyVendorSandbox[],
  credentials: readonly string[],
): void {
  expectNothingSecretLogged(logs, sandboxes, { credentials });
}
