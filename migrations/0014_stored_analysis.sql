CREATE TABLE `glossary_matchers` (
	`revision` integer PRIMARY KEY NOT NULL,
	`matcher_key` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segment_analyses` (
	`segment_id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`analysis` text NOT NULL,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- The glossary revision: a counter raised by the database itself on every write to an entry or a term, by
-- whatever path (edit, import, revert, seed, merge), so that glossary_matchers (revision -> hash of the term
-- matcher's input, src/db/matcher.ts) can never name a matcher the glossary no longer has: nobody has to
-- remember to raise it. (glossary_version, raised by the writers, stays what the app's own caches compare.)
INSERT INTO `meta` (`key`, `value`) VALUES ('glossary_revision', 0) ON CONFLICT (`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER glossary_entries_revision_insert AFTER INSERT ON glossary_entries BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER glossary_entries_revision_update AFTER UPDATE ON glossary_entries BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER glossary_entries_revision_delete AFTER DELETE ON glossary_entries BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_revision_insert AFTER INSERT ON glossary_terms BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_revision_update AFTER UPDATE ON glossary_terms BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_revision_delete AFTER DELETE ON glossary_terms BEGIN
  INSERT INTO meta (key, value) VALUES ('glossary_revision', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1;
END;
