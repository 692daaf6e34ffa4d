#!/usr/bin/env bash
# The one test command (npm test): lint, circular imports, copy-paste, dead code, stale generated code, typecheck
# once, then unit tests, the web app's build (the browser tests drive it), and integration and
# end-to-end tests. Integration and end-to-end tests need a real Kafka and Postgres:
# KAFKA_BROKERS / DATABASE_URL when set, else (through libs/testing) Testcontainers when a
# Docker engine answers, else deploy/local. Kafka is started once here for the whole run when
# nothing provides it, and stopped at the end if this script started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n=== %s\n' "$*"; }
started_kafka=0
# The tests' own broker (port and data), apart from the one `npm start` uses (see libs/testing).
export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}" KAFKA_LOCAL_DIR="$PWD/.local/kafka-test"
cleanup() {
  if [[ $started_kafka == 1 && "${KEEP_TEST_INFRASTRUCTURE:-}" != 1 ]]; then
    deploy/local/kafka.sh stop || true
  fi
}
trap cleanup EXIT

step "lint (Nx, cached per project), circular imports, copy-paste and dead code"
npx nx run-many -t lint --outputStyle=static
npm run --silent lint:cycles
npm run --silent lint:dup
npm run --silent lint:dead

step "generated contracts are up to date"
npm run --silent generate:check

step "typecheck (tsc --build, once for every project)"
npx tsc --build tsconfig.build.json

step "unit tests"
mkdir -p .local
npx jest -c jest.config.js --selectProjects unit --json --outputFile=.local/jest-unit.json

if [[ -z "${KAFKA_BROKERS:-}" ]] && ! docker info >/dev/null 2>&1; then
  step "starting Kafka once for this run (deploy/local)"
  deploy/local/kafka.sh status || started_kafka=1
  deploy/local/kafka.sh start
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT}"
fi

if [[ "${SKIP_WEB_BUILD:-}" != 1 ]]; then
  step "web app build (services/admin-web/dist, which the browser tests drive; SKIP_WEB_BUILD=1 to skip)"
  npm run --silent build:web
fi

step "integration and end-to-end tests (real Kafka and Postgres)"
npx jest -c jest.config.js --selectProjects int e2e --json --outputFile=.local/jest-int-e2e.json

node -e '
  const files = [".local/jest-unit.json", ".local/jest-int-e2e.json"];
  let passed = 0, failed = 0, skipped = 0;
  for (const f of files) {
    const r = JSON.parse(require("fs").readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
