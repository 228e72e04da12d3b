// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tap/**',
      'coverage/**',
      'proto/generated/**',
      'data/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // module arrows point down: ledger/ and projections/ never reach up
    files: ['ledger/**/*.ts', 'projections/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', 'fastify', '@fastify/*'],
              message: 'ledger/ and projections/ must not import services/ or fastify',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ledger/**/*.ts'],
    ignores: [
      'ledger/**/*-adapter.ts',
      'ledger/store/sqlite-*.ts',
      'ledger/store/eventstoredb-*.ts',
      'ledger/sequencer/sqlite-*.ts',
      'ledger/sequencer/eventstoredb-*.ts',
      'ledger/archive/s3-*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '**/projections/**', 'fastify', '@fastify/*'],
              message: 'ledger/ is the core: no services/, projections/ or fastify',
            },
            {
              group: ['better-sqlite3', '@eventstore/*', '@aws-sdk/*'],
              message: 'only adapter files import a store or S3 client',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'only services/ reads the environment' },
      ],
    },
  },
  {
    // tap's async subtests need no await inside
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['scripts/*.mjs', '*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
