import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // End-to-end tests start the CLI as users do; the corpus suite reads 1,767 files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
