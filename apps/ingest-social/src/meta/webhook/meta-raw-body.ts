import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where Meta posts its webhooks (the URL registered in the app dashboard). */
export const META_WEBHOOK_PATH = '/webhooks/meta';

/**
 * Keeps the webhook's body as bytes, whatever its content type: the signature is over the
 * exact bytes, and nothing is parsed before it is checked. Mounted on META_WEBHOOK_PATH ahead of
 * the JSON parser, which leaves a body that has been read alone.
 */
export function metaRawBody(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      refused = true;
      res.status(413).set('connection', 'close').json({ message: 'The request body is too large', errors: [] });
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!refused) next(error);
    });
  };
}
