import { badRequest } from "../errors";

/** Opaque keyset cursors: base64url of the last row's id. Clients must not build them. */
export function encodeCursor(lastId: number): string {
  return btoa(`id:${lastId}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

export function decodeCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  try {
    const raw = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const m = /^id:(\d{1,15})$/.exec(raw);
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  throw badRequest("cursor is not one this API issued", [{ field: "cursor", message: "invalid cursor" }]);
}

/** Given rows fetched with limit+1, the page and the next cursor. */
export function page<T extends { id: number }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/**
 * Cursors of ranked or sorted lists (glossary search): the position of the next item. A change to the
 * glossary between two pages can shift items by the number of entries added or removed before that point.
 */
export function encodeOffsetCursor(offset: number): string {
  return btoa(`at:${offset}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const m = /^at:(\d{1,9})$/.exec(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  throw badRequest("cursor is not one this API issued", [{ field: "cursor", message: "invalid cursor" }]);
}
