import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root, found from a test's source or from a build of it under dist/. */
export function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${__dirname}`);
}
