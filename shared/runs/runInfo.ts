import { z } from 'zod';

/** One tag of a run: 1–100 characters, trimmed. */
export const runTagSchema = z.string().trim().min(1).max(100);

/** A run's tags, as `updateRunInfo` and import accept them: at most 50. */
export const runTagsSchema = z.array(runTagSchema).max(50);

/** A run's notes, as `updateRunInfo` and import accept them: at most 20,000 characters. */
export const runNotesSchema = z.string().max(20_000);
