/**
 * Saving an entry that may have been edited from an older version (API PUT/PATCH, the web form), and
 * reverting an entry to an earlier version. Nothing another person saved meanwhile is lost: the edit is
 * merged three ways with the version it was made from (src/db/entry-merge.ts); fields both changed are
 * conflicts, resolved only by an explicit choice per field.
 */

import { type MergeConflict, resolveMerge, threeWayMerge } from "../db/entry-merge";
import { entryAtVersion, replaceEntry, requireEntry, snapshot } from "../db/glossary";
import type { Db } from "../env";
import { DomainError, ErrorCode, notFound, staleVersion } from "../errors";
import type { EntryContent as EntryInput, GlossaryEntry } from "../types";

export interface SaveRequest {
  id: number;
  /** The version the edit was made from (If-Match, the form's version), or null: edit the current one. */
  loadedVersion: number | null;
  /** The edited content, given the content it was edited from (a PATCH applies only its fields to it). */
  edit: (from: EntryInput) => EntryInput;
  /** Checks the content to be saved (the API's entry schema), throwing a validation error. */
  validate: (content: EntryInput) => EntryInput;
  /** Conflicting fields (MergeConflict.field) the user resolved: "mine" or "theirs". */
  choices?: ReadonlyMap<string, "mine" | "theirs">;
  actor: string;
}

export interface SaveResult {
  entry: GlossaryEntry;
  /** The version the edit was merged with (null: saved onto the version it was made from). */
  mergedWith: number | null;
}

/** A stale edit whose fields clash with changes saved since: 412 with every conflicting field. */
export class EditConflict extends DomainError {
  constructor(
    readonly current: GlossaryEntry,
    readonly conflicts: MergeConflict[],
    readonly base: EntryInput,
    readonly mine: EntryInput,
  ) {
    super(
      ErrorCode.StaleVersion,
      `glossary entry ${current.id} was changed by someone else (now at version ${current.version}) and ` +
        `${conflicts.length} field(s) changed on both sides: ${conflicts.map((c) => c.field).join(", ")}`,
      { extra: { currentVersion: current.version, conflicts } },
    );
  }
}

export async function saveEntry(db: Db, req: SaveRequest): Promise<SaveResult> {
  const current = await requireEntry(db, req.id);
  if (req.loadedVersion === null || req.loadedVersion === current.version) {
    const content = req.validate(req.edit(snapshot(current)));
    const entry = await replaceEntry(db, req.id, content, current, current.version, req.actor);
    return { entry, mergedWith: null };
  }
  const base =
    req.loadedVersion < current.version ? await entryAtVersion(db, req.id, req.loadedVersion) : null;
  if (!base) {
    throw staleVersion(
      `glossary entry ${req.id} is at version ${current.version}; version ${req.loadedVersion} is unknown, so the ` +
        "edit cannot be merged: reload it and retry",
      current.version,
    );
  }
  const mine = req.edit(snapshot(base));
  const result = threeWayMerge(base, mine, snapshot(current));
  const choices = req.choices ?? new Map();
  const open = result.conflicts.filter((c) => !choices.has(c.field));
  if (open.length) throw new EditConflict(current, result.conflicts, base, mine);
  const mineFields = new Set(
    result.conflicts.filter((c) => choices.get(c.field) === "mine").map((c) => c.field),
  );
  const content = req.validate(resolveMerge(result, mineFields));
  // Guarded by the version merged with: a save that slipped in meanwhile makes this a 412 to retry.
  const entry = await replaceEntry(db, req.id, content, current, current.version, req.actor);
  return { entry, mergedWith: current.version };
}

/** Makes an entry's content what it was at `version` again, as a new version recorded as a revert. */
export async function revertEntry(
  db: Db,
  id: number,
  version: number,
  expected: number | null,
  actor: string,
): Promise<GlossaryEntry> {
  const current = await requireEntry(db, id);
  const target = version < current.version ? await entryAtVersion(db, id, version) : null;
  if (!target) throw notFound(`version ${version} of glossary entry ${id}`);
  return replaceEntry(db, id, target, current, expected ?? current.version, actor, {
    via: "revert",
    detail: String(version),
  });
}
