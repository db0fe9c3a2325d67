-- Length window of the fuzzy retrieval (docs/tm.md): candidates are the paired postings of a query's prefix
-- words whose segment length lies in [minWords, maxWords]. The primary key (token_id, segment_id) made each
-- stage read every posting of a word whatever its length; this covering index (segment_id is appended from
-- the key) lets it seek straight to the paired rows of the window. Concordance keeps using the key (it pages
-- in segment-id order). Adding an index leaves the triggers of 0003/0004 untouched.
CREATE INDEX tm_postings_window ON tm_postings (token_id, paired, len);
