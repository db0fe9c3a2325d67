// The test database: the Worker's own D1 binding (real D1 in workerd) behind the storage layer's type, for
// tests that call src/db or the use cases directly.
import { env } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import type { Db } from "../../src/env";

export function testDb(): Db {
  return drizzle(env.DB) as unknown as Db;
}
