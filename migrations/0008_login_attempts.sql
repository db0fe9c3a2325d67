CREATE TABLE `login_attempts` (
	`client` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_reset` ON `login_attempts` (`reset_at`);