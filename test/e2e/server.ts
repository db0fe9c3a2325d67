// Starts a throw-away `wrangler dev` for browser tests (test/support/wrangler-dev.ts): own loopback port, own
// D1 state in a temp dir (never the user's .wrangler/state), migrations applied and the seed glossary loaded.
// It serves the project's wrangler.toml (the editor's static assets come from its [assets]).
import { startWranglerDev } from "../support/wrangler-dev";

export interface DevServer {
  base: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startDevServer(adminToken = "e2e-admin"): Promise<DevServer> {
  const dev = await startWranglerDev({
    tempPrefix: "diwan-e2e-",
    adminToken,
    seedGlossary: true,
    logLevel: "warn",
  });
  // Browsers treat http://localhost as a secure context, so the Secure session cookie is accepted there.
  return { base: `http://localhost:${dev.port}`, adminToken, stop: () => dev.stop() };
}
