import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Messages follow the locale (LC_ALL, LC_MESSAGES, LANG): the tests, and every process they
    // start, run in an English one whatever the machine's is; a test of Danish sets its own.
    env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' },
    // dt-sql-parser (the Spark SQL grammar, sql/test) imports directories, which Node's ES module
    // loader refuses: Vite's resolver reads it instead.
    server: { deps: { inline: ['dt-sql-parser'] } },
  },
});
