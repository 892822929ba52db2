import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const API_SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'api/src');
/** Feature folders of the API: other folders import them through their index.ts only. */
const FEATURES = ['crm/contacts', 'crm/companies', 'crm/deals', 'crm/activities', 'imports', 'exports'];
const featureOf = (file) => {
  const rel = path.relative(API_SRC, file).split(path.sep).join('/');
  return rel.startsWith('..') ? null : (FEATURES.find((f) => rel.startsWith(`${f}/`)) ?? null);
};

/** A file reaches into another feature folder only through that folder's public surface (index.ts). */
const featureBoundaries = {
  meta: {
    type: 'problem',
    messages: { internal: "Import '{{feature}}' through its index.ts (its public surface), not '{{source}}'." },
  },
  create(context) {
    const mine = featureOf(context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const feature = featureOf(target);
      if (!feature || feature === mine) return;
      if (path.dirname(target) === path.join(API_SRC, feature) && /^index\.[jt]s$/.test(path.basename(target))) return;
      context.report({ node: node.source, messageId: 'internal', data: { feature, source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.debug/**', 'data/**', '**/test-results/**', '**/playwright-report/**', '.remotes/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['api/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    plugins: { digiweb: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'digiweb/feature-boundaries': 'error' },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
