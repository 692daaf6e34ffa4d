// Lint rules shared by every project. Module boundaries follow the Nx tags in each
// project.json (docs/adr/0002-workspace-and-versions.md):
//   type:domain     may depend on nothing (libs/sop)
//   type:contracts  on domain only
//   type:infra      on domain, contracts and other infra
//   type:service    on anything but testing and other services
//   type:app        on domain only (the web app, in the browser), and the error catalogue of
//                   contracts alone (it imports nothing; see its block below)
//   type:testing    on anything but services
//   type:launcher   on services and the libs they use, not testing (services/platform: every
//                   service in one process, docs/adr/0020)
import nx from '@nx/eslint-plugin';

const DEP_CONSTRAINTS = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:testing'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:launcher', onlyDependOnLibsWithTags: ['type:service', 'type:domain', 'type:contracts', 'type:infra'] },
  // The web app (services/admin-web) runs in the browser: only the pure SOP lib.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain'] },
];

/** What the web app takes from contracts: the error catalogue alone, for each code's message in both languages. */
const WEB_APP_IMPORTS = ['^@pengaduan/contracts/error-catalogue$'];

/** What the launcher imports that the rule would refuse (see its block below). */
const LAUNCHER_IMPORTS = ['^@pengaduan/(intake|disposition|analysis|team-decree|notification|sla-monitor|gateway)$', '^(\\.\\./)+scripts/(dev-secrets|service-env)\\.cjs$'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.local', '**/gen/**', 'coverage', 'data'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Files that show what they hold, functions a reader can follow (docs/architecture.md).
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 20],
    },
  },
  {
    // Tests and fixtures (libs/testing is the fixtures' library) are read case by case, and the
    // web app's message table and the error catalogue are data.
    files: ['**/*.spec.ts', '**/__fixtures__/**/*.ts', 'libs/testing/src/**/*.ts', 'services/admin-web/src/i18n/messages.ts', 'libs/contracts/src/lib/error-catalogue.ts'],
    rules: { 'max-lines': 'off', complexity: 'off' },
  },
  {
    // Tests and their fixtures may import the testing lib (real infrastructure) from any project.
    files: ['**/*.spec.ts', '**/__fixtures__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }],
        },
      ],
    },
  },
  {
    // The launcher (services/platform) starts the services themselves, which are Nx applications:
    // Nx forbids importing an application whatever the tags, so these imports are named one by one.
    // Also its use of scripts/dev-secrets.cjs and scripts/service-env.cjs, the secrets and the services'
    // environments npm start shares with it, and (its end-to-end test) the gateway's SOP request bodies.
    files: ['services/platform/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/__fixtures__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: LAUNCHER_IMPORTS, depConstraints: DEP_CONSTRAINTS }],
    },
  },
  {
    files: ['services/platform/**/*.spec.ts', 'services/platform/**/__fixtures__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [...LAUNCHER_IMPORTS, '^\\.\\./\\.\\./gateway/src/__fixtures__/sop-over-rest$'], depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] },
      ],
    },
  },
  {
    // The web app's browser tests seed intake's quarantine as a running intake keeps it (docs/adr/0047).
    files: ['services/admin-web/src/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: ['^(\\.\\./)+intake/src/__fixtures__/quarantined-request$'], depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] },
      ],
    },
  },
  {
    // The web app (type:app) runs in the browser: of @pengaduan/contracts only the error catalogue,
    // a module with no imports (the rest of the lib is Node's: gRPC, protobuf, crypto).
    files: ['services/admin-web/src/**/*.ts', 'services/admin-web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/__fixtures__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: WEB_APP_IMPORTS, depConstraints: DEP_CONSTRAINTS }],
    },
  },
];
