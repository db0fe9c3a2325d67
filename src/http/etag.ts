import { badRequest, staleVersion } from "../errors";

/** Strong entity tag of a versioned resource. */
export const etagOf = (version: number) => `"v${version}"`;

/**
 * The version an `If-Match` header asks for, or null when absent. `*` means "any current version".
 * A malformed header is a 400 (not silently ignored: that would turn a conditional write into a blind one).
 */
export function expectedVersion(ifMatch: string | undefined, current: number): number | null {
  if (ifMatch === undefined || ifMatch.trim() === "") return null;
  const v = ifMatch.trim();
  if (v === "*") return current;
  const tags = v.split(",").map((t) => t.trim().replace(/^W\//, ""));
  for (const t of tags) {
    if (!/^"v\d+"$/.test(t)) throw badRequest(`If-Match must be an entity tag such as "v3", got ${t}`);
  }
  const wanted = tags.map((t) => Number(t.slice(2, -1)));
  if (!wanted.includes(current)) {
    throw staleVersion(
      `the resource is at version ${current}, not ${wanted.join(" or ")}; reload it and retry`,
      current,
    );
  }
  return current;
}

/**
 * The single version an `If-Match` header names (for a three-way merge with what changed since), or null
 * when absent or `*`. Malformed headers or several tags are a 400.
 */
export function requestedVersion(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined || ifMatch.trim() === "" || ifMatch.trim() === "*") return null;
  const t = ifMatch.trim().replace(/^W\//, "");
  if (!/^"v\d{1,15}"$/.test(t))
    throw badRequest(`If-Match must be one entity tag such as "v3" (or *), got ${ifMatch.trim()}`);
  return Number(t.slice(2, -1));
}

/**
 * Whether a GET's `If-None-Match` names this entity tag (or is `*`): the client's copy is current and the
 * answer is 304 without a body. Compared weakly (RFC 9110 13.1.2: `W/"v3"` matches `"v3"`).
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const v = ifNoneMatch.trim();
  if (v === "*") return true;
  return v.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
