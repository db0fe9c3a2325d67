-- Counters read on hot paths: the glossary version keys the term matcher cache.
INSERT OR IGNORE INTO `meta` (`key`, `value`) VALUES ('glossary_version', 1);
