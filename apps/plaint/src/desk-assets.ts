import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where the desk is served (docs/desk.md). */
export const DESK_PATH = '/desk';

/**
 * The built desk, dist/desk (npm run build). This file runs compiled from dist/apps/plaint/src,
 * and from source under the tests, so the repository root is one level further in the first case.
 */
const ROOT = join(__dirname, '..', '..', '..');
export const DESK_DIR = basename(ROOT) === 'dist' ? join(ROOT, 'desk') : join(ROOT, 'dist', 'desk');

/**
 * The agent desk at /desk: its hashed assets cached for good, its index.html for every other
 * path under /desk (the desk's own screens), never cached, so a new build is picked up at once.
 * An installation built without the desk answers 404 with how to build it.
 */
export function serveDesk(app: NestExpressApplication, dir = DESK_DIR): void {
  const index = join(dir, 'index.html');
  app.useStaticAssets(join(dir, 'assets'), { prefix: `${DESK_PATH}/assets`, immutable: true, maxAge: '365d', fallthrough: false });
  app.use(DESK_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      response.status(404).type('text/plain').send('The desk is not built: run npm run build.\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
