-- Inline codes and XLIFF structure kept with each segment (docs/formats.md, "Inline codes" and "Storage").
-- ADD COLUMN only: `segments` is not rebuilt, so the triggers of 0006 stay.
ALTER TABLE `segments` ADD `ar_codes` text;--> statement-breakpoint
ALTER TABLE `segments` ADD `en_codes` text;--> statement-breakpoint
ALTER TABLE `segments` ADD `xliff` text;--> statement-breakpoint
-- Inline codes of TMX pairs travel through the import stage (src/db/tm-exchange.ts) with their texts.
ALTER TABLE tm_import_rows ADD ar_codes TEXT;
--> statement-breakpoint
ALTER TABLE tm_import_rows ADD en_codes TEXT;
