// The layering, as a failing check (npm run lint):
// - libs/domain holds the complaint rules: no framework, no ORM, no bus client, no other lib
//   but contracts' plain types.
// - libs/contracts are plain classes + validators: no framework, no infrastructure.
// - libs never import apps; apps never import each other, except apps/plaint, the composition
//   root that boots the services a process runs.
// - apps/desk is browser code: it imports no server code at all, only the agent API over HTTP.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: ['@nestjs', 'typeorm', 'kafkajs', 'socket\\.io', 'express', 'pg', 'better-sqlite3', '^libs/(bus|persistence|observability|config)/', '^apps/'] },
    },
    {
      name: 'contracts-are-plain',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: ['@nestjs', 'typeorm', 'kafkajs', 'socket\\.io', '^libs/(?!contracts/)', '^apps/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/(core|notifier|ingest-[a-z]+|desk)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'desk-is-browser-only',
      comment: 'The desk runs in the browser and knows the server only through the agent API.',
      severity: 'error',
      from: { path: '^apps/desk/' },
      to: { path: ['^apps/(?!desk/)', '^libs/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '\\.e2e-spec\\.ts$', 'node_modules', 'dist'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
