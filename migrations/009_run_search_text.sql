-- The text the runs table's search box looks in (id, name and the dataset, model and optimizer
-- descriptions, lower-cased), written with the descriptions (by the app, also for runs that have
-- none yet), so a search reads one column per run instead of building the text each time.
ALTER TABLE runs ADD COLUMN search_text TEXT;
