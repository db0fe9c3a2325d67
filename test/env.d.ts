import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      ASSETS: Fetcher;
      ADMIN_TOKEN?: string;
      MAX_BODY_BYTES?: string;
      SESSION_SECRET?: string;
      TEST_MIGRATIONS: D1Migration[];
      SEED_TSV: string;
    }
  }
}
