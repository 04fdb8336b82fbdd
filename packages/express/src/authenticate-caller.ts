import type { Request, RequestHandler } from 'express';
import { asyncHandler } from './async-handler';
import type { GiftwireCaller } from './giftwire-caller';
import { HttpProblem } from './problem';

export type Authenticate = (req: Request) => GiftwireCaller | undefined | Promise<GiftwireCaller | undefined>;

/** Runs the app's `authenticate` and puts the caller on `req.giftwire`; no caller, no access (401). */
export function authenticateCaller(authenticate: Authenticate): RequestHandler {
  return asyncHandler(async (req, _res, next) => {
    const caller = await authenticate(req);
    if (!caller || typeof caller.customerId !== 'string' || caller.customerId === '') {
      throw new HttpProblem('unauthenticated');
    }
    // Copy only the id: whatever else the app's session object holds is not ours to carry around.
    req.giftwire = { customerId: caller.customerId };
    next();
  });
}

/** The caller `authenticateCaller` established; routes after it can rely on it. */
export function callerOf(req: Request): GiftwireCaller {
  if (!req.giftwire) throw new HttpProblem('unauthenticated');
  return req.giftwire;
}
