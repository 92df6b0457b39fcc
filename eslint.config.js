// Lint (`npm run lint`, a step of `npm test`): ESLint's recommended core rules plus typescript-eslint's
// recommended rules, syntax only: no type-aware rules (they would type-check the project a second time
// next to tsc). Formatting is not linted, except line length (max-len, 140).
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

// ESLint's own "recommended" set, read from the rules' metadata (@eslint/js is not a dependency here).
const coreRecommended = Object.fromEntries([...builtinRules]
  .filter(([, rule]) => rule.meta?.docs?.recommended)
  .map(([name]) => [name, 'error']));

const nodeGlobals = Object.fromEntries(['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'TextDecoder', 'TextEncoder',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone', 'performance', 'fetch',
  'Blob', 'WebAssembly', 'AbortController', 'crypto', 'globalThis'].map((name) => [name, 'readonly']));

export default defineConfig(
  // asm/: AssemblyScript (decorators on functions, <T> casts), checked by its own compiler.
  globalIgnores(['asm/', 'node_modules/', 'dist/', 'dist-*/', 'dist-iwa/', 'build/', 'test-results/',
    'playwright-report/', 'bench/out/', 'dev-dist/', 'coverage/']),
  { rules: coreRecommended },
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused parameter or destructured sibling.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // TypeScript already reports undefined names, with types in mind; plain JavaScript gets Node's globals.
  { files: ['**/*.ts', '**/*.tsx'], rules: { 'no-undef': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: nodeGlobals } },
  // Solid assigns `let ref!: HTMLElement` through the ref={ref} attribute, which this rule cannot see.
  { files: ['**/*.tsx'], rules: { 'no-unassigned-vars': 'off' } },
  // Lines up to 140 characters; a long URL, string, template or regular expression may run on.
  {
    rules: {
      'max-len': ['error', {
        code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true,
      }],
    },
  },
  // Generated tables: one entry a line, however long.
  { files: ['src/domain/pki/trust/anchors-data.ts'], rules: { 'max-len': 'off' } },
);
