CREATE TABLE `glossary_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`side` text NOT NULL,
	`lang` text,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `glossary_changes_revision` ON `glossary_changes` (`revision`);--> statement-breakpoint
ALTER TABLE `segment_analyses` ADD `revision` integer;--> statement-breakpoint
-- What each glossary write changed, written by the database itself (as glossary_revision is, 0014), so that
-- no write path (edit, import, revert, seed, merge, delete) can forget it: a term's language and text as it
-- was ('old') and became ('new'), an entry's domain when it comes, goes or changes. The revision is read as
-- the write runs, before or after its own raise (trigger order is not specified): a reader takes every row
-- from the revision it knows on (>=), which may include the last write it already saw, never misses one.
-- glossary_changes_from: the first revision the table is complete from (raised when old rows are dropped).
INSERT INTO `meta` (`key`, `value`)
  SELECT 'glossary_changes_from', coalesce((SELECT value FROM meta WHERE key = 'glossary_revision'), 0)
  WHERE true ON CONFLICT (`key`) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_change_insert AFTER INSERT ON glossary_terms BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    VALUES ((SELECT value FROM meta WHERE key = 'glossary_revision'), NEW.entry_id, 'new', NEW.lang, NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_change_update AFTER UPDATE ON glossary_terms BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    VALUES ((SELECT value FROM meta WHERE key = 'glossary_revision'), OLD.entry_id, 'old', OLD.lang, OLD.text),
      ((SELECT value FROM meta WHERE key = 'glossary_revision'), NEW.entry_id, 'new', NEW.lang, NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER glossary_terms_change_delete AFTER DELETE ON glossary_terms BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    VALUES ((SELECT value FROM meta WHERE key = 'glossary_revision'), OLD.entry_id, 'old', OLD.lang, OLD.text);
END;
--> statement-breakpoint
CREATE TRIGGER glossary_entries_change_insert AFTER INSERT ON glossary_entries BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    VALUES ((SELECT value FROM meta WHERE key = 'glossary_revision'), NEW.id, 'new', NULL, NEW.domain);
END;
--> statement-breakpoint
CREATE TRIGGER glossary_entries_change_update AFTER UPDATE OF domain ON glossary_entries
  WHEN OLD.domain IS NOT NEW.domain BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    VALUES ((SELECT value FROM meta WHERE key = 'glossary_revision'), OLD.id, 'old', NULL, OLD.domain),
      ((SELECT value FROM meta WHERE key = 'glossary_revision'), NEW.id, 'new', NULL, NEW.domain);
END;
--> statement-breakpoint
-- Before the delete: its terms go by the foreign key's cascade, recorded here whether or not that fires
-- the terms' own trigger.
CREATE TRIGGER glossary_entries_change_delete BEFORE DELETE ON glossary_entries BEGIN
  INSERT INTO glossary_changes (revision, entry_id, side, lang, text)
    SELECT (SELECT value FROM meta WHERE key = 'glossary_revision'), OLD.id, 'old', lang, text
    FROM glossary_terms WHERE entry_id = OLD.id
    UNION ALL SELECT (SELECT value FROM meta WHERE key = 'glossary_revision'), OLD.id, 'old', NULL, OLD.domain;
END;
