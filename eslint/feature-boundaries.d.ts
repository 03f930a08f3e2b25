import type { Rule } from 'eslint';

export const FEATURE_DEPENDENCIES: Readonly<Record<string, readonly string[]>>;
export const FEATURE_FREE: readonly string[];
export const COMPOSITION_ROOTS: readonly string[];
export function roomOf(relativePath: string): { kind: 'feature' | 'free'; name: string } | null;
declare const plugin: { rules: { 'feature-boundaries': Rule.RuleModule } };
export default plugin;
