import type { Response } from 'express';

/** The problem types this package answers with; their URIs are stable so clients can branch on them. */
export const PROBLEM_TYPES = {
  'validation-error': { status: 400, title: 'Your request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  'webhook-verification-failed': { status: 401, title: 'The webhook could not be verified' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'idempotency-conflict': { status: 409, title: 'This reference was used for a different request' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body has an unsupported encoding' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const PROBLEM_TYPE_BASE = 'https://giftwire.dev/problems/';

/** RFC 9457 problem details; `errors` lists every bad field of a validation problem. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export interface ProblemOptions {
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** An answer decided inside the router (401, 403, 404, 429): thrown to the error middleware, never logged. */
export class HttpProblem extends Error {
  readonly slug: ProblemSlug;
  readonly options: ProblemOptions;

  constructor(slug: ProblemSlug, options: ProblemOptions = {}) {
    super(PROBLEM_TYPES[slug].title);
    this.name = 'HttpProblem';
    this.slug = slug;
    this.options = options;
  }

  static isInstance(value: unknown): value is HttpProblem {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'HttpProblem' &&
      typeof (value as { slug?: unknown }).slug === 'string' &&
      (value as { slug: string }).slug in PROBLEM_TYPES
    );
  }
}

export function problemBody(slug: ProblemSlug, options: ProblemOptions = {}): ProblemDetails {
  const { status, title } = PROBLEM_TYPES[slug];
  const body: ProblemDetails = { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status };
  if (options.detail !== undefined) body.detail = options.detail;
  if (options.errors !== undefined) body.errors = options.errors;
  return body;
}

export function sendProblem(res: Response, slug: ProblemSlug, options: ProblemOptions = {}): void {
  const body = problemBody(slug, options);
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
