ALTER TABLE `segments` ADD `occurrences` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `segments_ar_norm` ON `segments` (`ar_norm`);