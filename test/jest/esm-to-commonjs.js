// Jest transformer for the ES-module-only packages we depend on (NestJS 12, uuid, …). Node loads
// them from our CommonJS build natively (require of ESM), but Jest's module registry needs
// CommonJS. TypeScript's transpiler does the module conversion, dynamic import() included.
// Two things have no CommonJS meaning and are rewritten first: a module-local
// `const require = createRequire(import.meta.url)` (it would shadow Jest's own require, so
// optional packages would load outside Jest) and `import.meta.*`.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const VERSION = '1';

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha1').update(VERSION).update(ts.version).update(filename).update(source).digest('hex');
  },
  process(source, filename) {
    const commonJsReady = source
      .replace(/\b(?:const|let|var)\s+require\s*=\s*createRequire\([^;]*\);?/g, '')
      .replace(/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.filename\b/g, '__filename');
    const { outputText, sourceMapText } = ts.transpileModule(commonJsReady, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        allowJs: true,
        sourceMap: true,
      },
    });
    return { code: outputText, map: sourceMapText };
  },
};
