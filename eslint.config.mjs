import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/** Protocol libraries are plain TypeScript over sockets: no database, no Nest (ARCHITECTURE.md, boundaries). */
const SERVER_ONLY_PACKAGES = ['typeorm', 'pg', '@electric-sql/pglite', '@nestjs/*', 'argon2', 'passport*'];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.angular', '**/.nx', 'tmp', 'data', 'coverage'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            {
              sourceTag: 'type:protocol',
              onlyDependOnLibsWithTags: ['type:util', 'type:contracts'],
              bannedExternalImports: SERVER_ONLY_PACKAGES,
            },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contracts'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:ui'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
          ],
        },
      ],
    },
  },
  {
    // The CLI, scripts and tests print to the console by design.
    files: ['apps/cli/**/*.ts', 'bench/**/*', 'scripts/**/*', '**/*.spec.ts', 'bin/**/*'],
    rules: { 'no-console': 'off' },
  },
  {
    // End-to-end tests boot the real server in-process: importing its test harness is their point.
    files: ['apps/admin-e2e/**/*.ts', 'apps/cli/**/*.e2e.spec.ts', 'apps/cli/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
];
