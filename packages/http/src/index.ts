export { abortableSleep } from './abortable-sleep';
export {
  type AbortedBy,
  type ClassifyContext,
  type ClassifyErrorHook,
  classifyResponse,
  classifyTransportError,
  codeForStatus,
  type ErrorClassification,
  type ErrorResponse,
  type ErrorResponseInput,
  errorCode,
  type InvalidResponseInput,
  invalidResponseError,
  isDefiniteRefusal,
  issuePaths,
  type ResponseHeaders,
} from './classify';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type OutgoingRequest,
} from './create-http-client';
export { type HeaderSource, headerValue } from './header-value';
export {
  type ComputeHmacOptions,
  type CreateTestSignatureOptions,
  computeHmac,
  constantTimeEqual,
  createTestSignature,
  type HmacAlgorithm,
  type SignatureEncoding,
  type VerifyHmacSignatureOptions,
  verifyHmacSignature,
  type WebhookSecret,
} from './hmac-signature';
export { createMemoryRateLimitStore } from './memory-rate-limit-store';
export { parseJsonSafely, type SafeJsonResult } from './parse-json-safely';
export type { RateLimitCheck, RateLimitStore } from './rate-limit-store';
export {
  type AcquireOptions,
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitKeys,
  type RateLimitPermit,
} from './rate-limiter';
export { backoffDelay, parseRetryAfter, type RetryOptions, type WithRetryOptions, withRetry } from './retry';
export {
  type SignSvixWebhookOptions,
  type SvixSecret,
  signSvixWebhook,
  type VerifySvixWebhookOptions,
  verifySvixWebhook,
} from './svix';
export { userAgent } from './user-agent';
