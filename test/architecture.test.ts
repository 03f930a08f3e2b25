/**
 * The architecture checks of `npm run lint` fail when they should: the feature-boundaries rule on
 * a cross-feature repository import, a shared folder importing a feature, a forbidden direction;
 * dependency-cruiser on an import cycle (test/fixtures/cycle).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it, test } from 'node:test';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import boundaries, { FEATURE_DEPENDENCIES, FEATURE_FREE, roomOf } from '../eslint/feature-boundaries.js';
import { PROJECT_ROOT as projectRoot } from '../src/lib/project-root.ts';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const file = (relative: string) => path.join(projectRoot, relative);
const rule = boundaries.rules['feature-boundaries'];

new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' } }).run(
  'feature-boundaries',
  rule,
  {
    valid: [
      { filename: file('src/features/canteen/canteen.routes.tsx'), code: "import './canteen.repository.ts';" },
      { filename: file('src/features/mconnect/x.ts'), code: "import '../accounts/accounts.service.ts';" },
      { filename: file('src/features/catalogue/x.ts'), code: "import type { A } from '../canteen/canteen.types.ts';" },
      { filename: file('src/features/site/x.ts'), code: "import '../../ui/layout.tsx';" },
      { filename: file('src/ui/x.tsx'), code: "import '../lib/text.ts';" },
      // The path tables are shared: any feature builds any feature's URLs.
      { filename: file('src/features/site/x.tsx'), code: "import { paths } from '../../paths.ts';" },
      { filename: file('src/features/canteen/x.tsx'), code: "import { accounts } from '../../paths/accounts.ts';" },
      { filename: file('src/paths.ts'), code: "import { canteen } from './paths/canteen.ts';" },
      // The worker registry puts the features' workers together, as src/app.ts does their routes.
      { filename: file('src/jobs/workers.ts'), code: "import '../features/notifications/mail.service.ts';" },
      // Tests may set data up through any feature's service, in any direction.
      { filename: file('src/features/accounts/x.test.ts'), code: "import '../canteen/canteen.service.ts';" },
    ],
    invalid: [
      {
        filename: file('src/features/mconnect/mconnect.service.ts'),
        code: "import { insertAccount } from '../accounts/accounts.repository.ts';",
        errors: [{ messageId: 'notPublicSurface' }],
      },
      {
        filename: file('src/features/accounts/views/login.page.tsx'),
        code: "export { X } from '../../mconnect/views/button.tsx';",
        errors: [{ messageId: 'notPublicSurface' }],
      },
      {
        filename: file('src/plugins/session.ts'),
        code: "import * as sessions from '../features/accounts/sessions.repository.ts';",
        errors: [{ messageId: 'sharedImportsFeature' }],
      },
      {
        filename: file('src/lib/x.ts'),
        code: "const m = await import('../features/canteen/canteen.service.ts');",
        errors: [{ messageId: 'sharedImportsFeature' }],
      },
      {
        filename: file('src/paths/canteen.ts'),
        code: "import type { Invoice } from '../features/canteen/canteen.types.ts';",
        errors: [{ messageId: 'sharedImportsFeature' }],
      },
      {
        filename: file('src/paths.ts'),
        code: "import { catalogue } from './features/catalogue/catalogue.service.ts';",
        errors: [{ messageId: 'sharedImportsFeature' }],
      },
      {
        filename: file('src/features/payments/payments.service.ts'),
        code: "import { CanteenService } from '../canteen/canteen.service.ts';",
        errors: [{ messageId: 'direction' }],
      },
      {
        filename: file('src/features/accounts/accounts.service.ts'),
        code: "import { MconnectService } from '../mconnect/mconnect.service.ts';",
        errors: [{ messageId: 'direction' }],
      },
    ],
  },
);

test('every feature folder has its allowed dependencies declared, and the directions have no cycle', () => {
  const folders = readdirSync(file('src/features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  assert.deepEqual(folders, Object.keys(FEATURE_DEPENDENCIES).sort());
  const graph: Record<string, readonly string[]> = FEATURE_DEPENDENCIES;
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (feature: string, trail: string[]): void => {
    if (done.has(feature)) return;
    assert.ok(!visiting.has(feature), `cycle in FEATURE_DEPENDENCIES: ${[...trail, feature].join(' → ')}`);
    visiting.add(feature);
    for (const next of graph[feature] ?? []) visit(next, [...trail, feature]);
    visiting.delete(feature);
    done.add(feature);
  };
  for (const feature of folders) visit(feature, []);
  assert.equal(roomOf('src/ui/layout.tsx')?.kind, 'free');
  assert.equal(roomOf('src/paths/canteen.ts')?.kind, 'free');
  assert.equal(roomOf('src/paths.ts')?.kind, 'free');
  assert.equal(roomOf('src/app.ts'), null);
  assert.ok(FEATURE_FREE.includes('plugins'));
});

test('the dependency check refuses an import cycle', () => {
  const depcruise = path.join(projectRoot, 'node_modules', '.bin', 'depcruise');
  const args = ['test/fixtures/cycle', '--config', '.dependency-cruiser.cjs', '--exclude', '^node_modules'];
  const result = spawnSync(depcruise, args, { cwd: projectRoot, encoding: 'utf8' });
  assert.notEqual(result.status, 0, result.stdout);
  assert.match(result.stdout, /no-circular/);
  assert.match(result.stdout, /cycle\/a\.ts/);
});
