import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Express 5 forwards a rejected promise to the error middleware by itself; Express 4 (also supported) does
 * not, and would leave the request hanging. This wrapper makes both behave the same.
 */
export function asyncHandler(
  handler: (req: Request, res: Response, next: NextFunction) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
