-- The runs list's descriptions (migration 008) are written when a run is created. Runs stored by a
-- version that described a fusion plan as "FUSION" (or a mixer by its type) kept that text; they are
-- cleared here, and the app writes them again from each run's stored config when the list is next
-- read (SqliteRunList.fillMissingLabels), as it does for runs stored before 008.
UPDATE runs SET dataset_label = NULL, model_label = NULL, optimizer_label = NULL, search_text = NULL;
