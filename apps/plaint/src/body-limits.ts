import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { payloadShapeProblem } from '@plaint/contracts';

/**
 * Refuses a parsed JSON body that nests deeper than `maxDepth`, or has a `__proto__`-like
 * member, before anything recursive (class-transformer, class-validator) sees it: a few kB of
 * `[[[[…]]]]` would otherwise overflow the stack and answer 500.
 */
export function bodyShapeLimit(maxDepth: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // Bytes kept for a signature check (a webhook) are checked by their route once verified.
    if (Buffer.isBuffer(req.body)) return next();
    const problem = payloadShapeProblem(req.body, maxDepth);
    if (problem === 'too-deep') {
      res.status(400).json({ message: `The request body is nested more than ${maxDepth} levels deep`, errors: [] });
    } else if (problem === 'prototype-key') {
      res.status(400).json({ message: 'The request body has a member named __proto__, constructor or prototype', errors: [] });
    } else {
      next();
    }
  };
}

/** Body-parser failures (too large, malformed JSON, unsupported charset) as JSON answers instead of HTML pages. */
export function bodyErrors(error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (error.type === 'entity.too.large') {
    res.status(413).json({ message: 'The request body is too large', errors: [] });
  } else if (error.type === 'entity.parse.failed') {
    res.status(400).json({ message: 'The request body is not valid JSON', errors: [] });
  } else if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    res.status(415).json({ message: 'The request body’s encoding is not supported', errors: [] });
  } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(error.status).json({ message: 'The request body could not be read', errors: [] });
  } else {
    next(error);
  }
}
