// One Jest config for every tier: *.spec.ts (pure, fast), *.int-spec.ts (real Kafka, Postgres,
// Redis), *.e2e-spec.ts (the booted product, real Chromium). `npm test` runs them all.
//
// NestJS 12 and uuid ship as ES modules. Node loads them from our CommonJS build (require of
// ESM), but Jest's module system does not, so Jest transpiles those packages to CommonJS too.
const ESM_PACKAGES = ['@nestjs', 'uuid', 'date-holidays', 'libphonenumber-js'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.m?js$': '<rootDir>/test/jest/esm-to-commonjs.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@plaint/(contracts|domain|bus|persistence|config|observability|telegram|meta)$': '<rootDir>/libs/$1/src',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
