/**
 * Server-side record of open web sessions (the cookie is signed, but a signature alone cannot be taken back:
 * sign-out must end every copy of the cookie). Queries go to the D1 primary (`DB` without the Sessions API),
 * so a sign-out or a token revocation holds at once even where reads are served by replicas.
 */
import type { TokenScope } from "../types";

/** Opens a session until `expiresAt` (epoch seconds); expired rows are dropped in the same transaction. */
export async function openWebSession(
  db: D1Database,
  sid: string,
  tokenId: number | null,
  expiresAt: number,
): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await db.batch([
    db.prepare("DELETE FROM web_sessions WHERE expires_at <= ?").bind(now),
    db
      .prepare("INSERT INTO web_sessions (sid, token_id, expires_at) VALUES (?, ?, ?)")
      .bind(sid, tokenId, expiresAt),
  ]);
}

export async function closeWebSession(db: D1Database, sid: string): Promise<void> {
  await db.prepare("DELETE FROM web_sessions WHERE sid = ?").bind(sid).run();
}

/**
 * Is the session still open — not signed out, not expired, and (for a database token) its token neither
 * revoked nor changed in scope? One primary read.
 */
export async function webSessionOpen(
  db: D1Database,
  sid: string,
  tokenId: number | null,
  scope: TokenScope,
): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT s.token_id AS tokenId, t.revoked_at AS revokedAt, t.scope AS scope, t.id AS tokenExists
       FROM web_sessions AS s LEFT JOIN api_tokens AS t ON t.id = s.token_id
       WHERE s.sid = ? AND s.expires_at > ?`,
    )
    .bind(sid, Math.floor(Date.now() / 1000))
    .first<{
      tokenId: number | null;
      revokedAt: string | null;
      scope: string | null;
      tokenExists: number | null;
    }>();
  if (!row || row.tokenId !== tokenId) return false;
  if (tokenId === null) return true;
  return row.tokenExists !== null && row.revokedAt === null && row.scope === scope;
}
