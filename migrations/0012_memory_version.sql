-- The memory version: a counter raised whenever an approved segment appears, changes or goes (or a segment
-- stops being approved), so that what is learned from the approved segments (the aligner's lexicon,
-- src/db/memory-lexicon.ts) is kept exactly as long as they stay the same. Writes that touch no approved
-- segment (drafts, TMX imports of translated pairs, bulk inserts) do not pay for it.
INSERT INTO `meta` (`key`, `value`) VALUES ('memory_version', 0) ON CONFLICT (`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER segments_memory_insert AFTER INSERT ON segments WHEN new.status = 'approved' BEGIN
  INSERT INTO meta (key, value) VALUES ('memory_version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER segments_memory_delete AFTER DELETE ON segments WHEN old.status = 'approved' BEGIN
  INSERT INTO meta (key, value) VALUES ('memory_version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER segments_memory_update AFTER UPDATE OF status, ar, en ON segments
  WHEN (old.status = 'approved' OR new.status = 'approved')
    AND (old.status IS NOT new.status OR old.ar IS NOT new.ar OR old.en IS NOT new.en) BEGIN
  INSERT INTO meta (key, value) VALUES ('memory_version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
