CREATE TABLE `document_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`version` integer NOT NULL,
	`op` text NOT NULL,
	`actor` text NOT NULL,
	`detail` text NOT NULL,
	`position` integer NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`undone_by` integer,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_history_document` ON `document_history` (`document_id`,`id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `title_norm` text;--> statement-breakpoint
ALTER TABLE `segments` ADD `ar_gap` text DEFAULT ' ' NOT NULL;--> statement-breakpoint
ALTER TABLE `segments` ADD `en_gap` text DEFAULT ' ' NOT NULL;--> statement-breakpoint
ALTER TABLE `segments` ADD `status_by` text;--> statement-breakpoint
ALTER TABLE `segments` ADD `status_at` text;