import { asc, eq } from "drizzle-orm";
import type { Db } from "../env";
import { notFound } from "../errors";
import type { TokenScope } from "../types";
import { apiTokens } from "./schema";

export interface TokenInfo {
  id: number;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const utf8 = new TextEncoder();
/** Each byte's two hex digits ("00" … "ff"). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * Hex SHA-256 of a text: how token secrets are stored (never the secret itself), and the key of a review
 * page's 200 stored analyses (src/db/segment-analyses.ts): written with a table rather than 32 closures and
 * an array per call.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
  let hex = "";
  for (const b of digest) hex += HEX[b];
  return hex;
}

/** 32 random bytes, base64url, with a recognisable prefix (so leaked tokens can be found by scanners). */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  return `dwn_${b64}`;
}

export async function createToken(
  db: Db,
  name: string,
  scope: TokenScope,
): Promise<TokenInfo & { token: string }> {
  const token = newSecret();
  const row = await db
    .insert(apiTokens)
    .values({ name, scope, tokenHash: await sha256Hex(token) })
    .returning()
    .get();
  return { ...publicInfo(row), token };
}

function publicInfo(row: typeof apiTokens.$inferSelect): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  return (await db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all()).map(publicInfo);
}

/** Revokes a token (idempotent); the row stays for auditing. */
export async function revokeToken(db: Db, id: number): Promise<TokenInfo> {
  const row = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!row) throw notFound(`token ${id}`);
  if (row.revokedAt) return publicInfo(row);
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(eq(apiTokens.id, id))
    .returning()
    .get();
  return publicInfo(updated ?? row);
}
