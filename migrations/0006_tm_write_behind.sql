CREATE TABLE `tm_pending` (
	`segment_id` integer PRIMARY KEY NOT NULL,
	`ar_norm` text,
	`en_norm` text,
	`rev` integer NOT NULL
);
--> statement-breakpoint
-- Write-behind term index (docs/tm.md, "Index"): the triggers of 0003/0004 tokenised every written segment
-- in SQL, row by row (0.25–1 ms a segment: an XLIFF import of 100,000 segments spent ~25 s in them). They
-- now only record WHICH segment changed, and what the index still holds for it, in tm_pending;
-- src/db/tm-index.ts applies the pending rows set-based after the request (waitUntil) and before every TM
-- read. Invariant: a segment without a tm_pending row is indexed as its current ar_norm/en_norm; a segment
-- with one is indexed as that row's ar_norm/en_norm (NULL = nothing for that language), so the first write
-- records the OLD texts and later writes only take a new revision.
-- The revision comes from a database-wide counter in `meta`, so a sync that read a row can tell that it
-- has since been applied and re-created (a per-row counter would restart and could match again).
-- Same trigger names as before; the insert trigger still stands aside while a bulk TMX import holds a row
-- in tm_bulk (that import indexes its rows itself, in the same transaction).
-- WARNING: a migration that rebuilds `segments` (CREATE __new_segments / DROP / RENAME) drops these
-- triggers: re-create them in that migration (copy the CREATE TRIGGER statements below).
INSERT INTO `meta` (`key`, `value`) VALUES ('tm_revision', 0) ON CONFLICT (`key`) DO NOTHING;
--> statement-breakpoint
DROP TRIGGER segments_tm_insert;
--> statement-breakpoint
DROP TRIGGER segments_tm_delete;
--> statement-breakpoint
DROP TRIGGER segments_tm_ar_update;
--> statement-breakpoint
DROP TRIGGER segments_tm_en_update;
--> statement-breakpoint
CREATE TRIGGER segments_tm_insert AFTER INSERT ON segments WHEN NOT EXISTS (SELECT 1 FROM tm_bulk) BEGIN
  INSERT INTO meta (key, value) VALUES ('tm_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
  INSERT INTO tm_pending (segment_id, ar_norm, en_norm, rev)
    VALUES (new.id, NULL, NULL, (SELECT value FROM meta WHERE key = 'tm_revision'))
    ON CONFLICT (segment_id) DO UPDATE SET rev = excluded.rev;
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_delete AFTER DELETE ON segments BEGIN
  INSERT INTO meta (key, value) VALUES ('tm_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
  INSERT INTO tm_pending (segment_id, ar_norm, en_norm, rev)
    VALUES (old.id, old.ar_norm, old.en_norm, (SELECT value FROM meta WHERE key = 'tm_revision'))
    ON CONFLICT (segment_id) DO UPDATE SET rev = excluded.rev;
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_ar_update AFTER UPDATE OF ar_norm ON segments WHEN old.ar_norm IS NOT new.ar_norm BEGIN
  INSERT INTO meta (key, value) VALUES ('tm_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
  INSERT INTO tm_pending (segment_id, ar_norm, en_norm, rev)
    VALUES (old.id, old.ar_norm, old.en_norm, (SELECT value FROM meta WHERE key = 'tm_revision'))
    ON CONFLICT (segment_id) DO UPDATE SET rev = excluded.rev;
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_en_update AFTER UPDATE OF en_norm ON segments WHEN old.en_norm IS NOT new.en_norm BEGIN
  INSERT INTO meta (key, value) VALUES ('tm_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
  INSERT INTO tm_pending (segment_id, ar_norm, en_norm, rev)
    VALUES (old.id, old.ar_norm, old.en_norm, (SELECT value FROM meta WHERE key = 'tm_revision'))
    ON CONFLICT (segment_id) DO UPDATE SET rev = excluded.rev;
END;
