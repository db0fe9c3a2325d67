-- Free memory entries are one entry when equal after NFC and white-space normalisation only (issue 12: never
-- after case or Arabic search folding). The key is that form of the text when it differs (NULL: the text
-- is its own key); rows stored before this migration have NULL and are compared by their text as stored.
ALTER TABLE `segments` ADD `ar_key` text;--> statement-breakpoint
ALTER TABLE `segments` ADD `en_key` text;--> statement-breakpoint
ALTER TABLE tm_import_rows ADD ar_key TEXT;--> statement-breakpoint
ALTER TABLE tm_import_rows ADD en_key TEXT;
