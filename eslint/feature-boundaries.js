// ESLint rule `monguichet/feature-boundaries`: features meet through services.
//
// - A file of `src/plugins`, `src/ui`, `src/lib`, `src/i18n`, `src/db`, `src/jobs` or `src/paths` (and
//   `src/paths.ts`, its entry point) imports no feature.
// - A feature imports another feature only through its public surface: `*.service.ts`,
//   `*.types.ts` (never its repository, views, routes or other files).
// - A feature depends only on the features FEATURE_DEPENDENCIES allows it (ARCHITECTURE.md,
//   "Dependency directions"); tests may set up data through any feature's service.
import path from 'node:path';

/** Which features each feature may use (through their services). Keep in step with ARCHITECTURE.md. */
export const FEATURE_DEPENDENCIES = {
  accounts: ['audit', 'notifications'],
  audit: [],
  notifications: [],
  health: [],
  mconnect: ['accounts', 'audit', 'notifications'],
  dossiers: ['accounts', 'audit', 'notifications'],
  canteen: ['accounts', 'audit', 'notifications', 'dossiers', 'payments'],
  catalogue: ['canteen'],
  // The signed-in home shows the person's dossiers in progress and their children's canteen.
  site: ['catalogue', 'canteen', 'dossiers'],
  payments: ['accounts', 'audit', 'dossiers', 'notifications'],
  backoffice: ['accounts', 'audit', 'notifications', 'canteen', 'payments', 'dossiers'],
};

/** Folders that are shared by every feature and so depend on none (a file `src/<name>.ts` belongs to its folder). */
export const FEATURE_FREE = ['plugins', 'ui', 'lib', 'i18n', 'db', 'jobs', 'paths'];

/** Files that put features together (as src/app.ts does for routes): they may import any feature's service. */
export const COMPOSITION_ROOTS = ['src/jobs/workers.ts'];

const PUBLIC_SURFACE = /\.(service|types)\.tsx?$/;
const TEST_FILE = /\.(test|e2e)\.tsx?$/;

/** `{ kind: 'feature', name }`, `{ kind: 'free', name }` or null, for a path relative to the repository. */
export function roomOf(relativePath) {
  const parts = relativePath.split(/[\\/]/);
  if (parts[0] !== 'src' || COMPOSITION_ROOTS.includes(parts.join('/'))) return null;
  if (parts[1] === 'features' && parts.length > 3) return { kind: 'feature', name: parts[2] };
  if (FEATURE_FREE.includes(parts[1]) && parts.length > 2) return { kind: 'free', name: parts[1] };
  const entry = parts.length === 2 ? parts[1]?.replace(/\.tsx?$/, '') : undefined;
  if (entry && FEATURE_FREE.includes(entry)) return { kind: 'free', name: entry };
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Features meet through services; shared folders import no feature.' },
    schema: [],
    messages: {
      sharedImportsFeature:
        '`src/{{room}}` is shared by every feature and must not import the `{{feature}}` feature: pass what it needs as an option or register a hook.',
      notPublicSurface:
        'The `{{from}}` feature may use `{{feature}}` only through its service or types (`*.service.ts`, `*.types.ts`), not `{{file}}`.',
      direction:
        'The `{{from}}` feature may not depend on `{{feature}}` (allowed: {{allowed}}). See ARCHITECTURE.md, "Dependency directions".',
    },
  },
  create(context) {
    const root = context.cwd;
    const filename = context.filename;
    const fromRelative = path.relative(root, filename);
    const from = roomOf(fromRelative);
    const isTest = TEST_FILE.test(filename) || fromRelative.startsWith(`test${path.sep}`);

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const targetRelative = path.relative(root, path.resolve(path.dirname(filename), source));
      const target = roomOf(targetRelative);
      if (!target || target.kind !== 'feature') return;
      if (from?.kind === 'free') {
        context.report({ node, messageId: 'sharedImportsFeature', data: { room: from.name, feature: target.name } });
        return;
      }
      if (from?.kind !== 'feature' || from.name === target.name) return;
      if (!PUBLIC_SURFACE.test(targetRelative) && !isTest) {
        context.report({
          node,
          messageId: 'notPublicSurface',
          data: { from: from.name, feature: target.name, file: targetRelative },
        });
        return;
      }
      const allowed = FEATURE_DEPENDENCIES[from.name];
      if (isTest || !allowed || allowed.includes(target.name)) return;
      context.report({
        node,
        messageId: 'direction',
        data: { from: from.name, feature: target.name, allowed: allowed.join(', ') || 'none' },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'feature-boundaries': rule } };
