/**
 * Dependency graph checks (`depcruise` in `npm run lint`): no import cycle anywhere in the code.
 * Feature boundaries themselves are the ESLint rule `monguichet/feature-boundaries`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between modules: one of them should depend on a service, a type file or a hook instead.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The fixture that proves this check fails on a cycle is checked by test/architecture.test.ts.
    exclude: { path: '^(node_modules|test/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
