ALTER TABLE `glossary_history` ADD `via` text DEFAULT 'edit' NOT NULL;--> statement-breakpoint
ALTER TABLE `glossary_history` ADD `detail` text;