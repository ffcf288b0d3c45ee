// One Jest config for every tier: *.spec.ts (pure, fast), *.int-spec.ts (real Kafka, Postgres,
// Redis), *.e2e-spec.ts (the booted product, real Chromium). `npm test` runs them all.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@plaint/(contracts|domain|bus|persistence|config|observability)$': '<rootDir>/libs/$1/src',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
