CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`source_lang` text DEFAULT 'ar' NOT NULL,
	`target_lang` text DEFAULT 'en' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `glossary_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seed_key` text,
	`domain` text NOT NULL,
	`definition` text,
	`note` text,
	`source` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`updated_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `glossary_entries_seed_key` ON `glossary_entries` (`seed_key`);--> statement-breakpoint
CREATE INDEX `glossary_entries_domain` ON `glossary_entries` (`domain`);--> statement-breakpoint
CREATE TABLE `glossary_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`actor` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `glossary_history_entry` ON `glossary_history` (`entry_id`,`id`);--> statement-breakpoint
CREATE TABLE `glossary_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`lang` text NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`status` text DEFAULT 'preferred' NOT NULL,
	`part_of_speech` text,
	`note` text,
	FOREIGN KEY (`entry_id`) REFERENCES `glossary_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `glossary_terms_entry` ON `glossary_terms` (`entry_id`);--> statement-breakpoint
CREATE INDEX `glossary_terms_lang_norm` ON `glossary_terms` (`lang`,`norm`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seed_log` (
	`seed_key` text PRIMARY KEY NOT NULL,
	`loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer,
	`position` integer NOT NULL,
	`ar` text NOT NULL,
	`en` text,
	`status` text DEFAULT 'new' NOT NULL,
	`origin` text DEFAULT 'manual' NOT NULL,
	`score` real,
	`version` integer DEFAULT 1 NOT NULL,
	`ar_norm` text NOT NULL,
	`en_norm` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `segments_document_position` ON `segments` (`document_id`,`position`);