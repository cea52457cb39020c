// Test helpers shared by the apps: free ports, child servers, the built API, a real Chromium, a
// throwaway PostgreSQL server.
export {
  API_DIR,
  API_ENTRY,
  type StartApiOptions,
  type StartedApi,
  signIn,
  startApi,
  TEST_ADMIN,
} from "./api.js";
export { CHROMIUM_ARGS, findChromium, launchBrowser } from "./chromium.js";
export { getFreePort } from "./ports.js";
export { findPostgresBin, type PostgresCluster, startPostgresCluster } from "./postgres-cluster.js";
export { type StartedProcess, type StartProcessOptions, startProcess } from "./process.js";
