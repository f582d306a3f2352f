/** A saved view's row: its name and its content as stored (JSON, read back by the service). */
export interface RunViewRow {
  name: string;
  content: string;
  createdAt: string;
  updatedAt: string;
}

/** Saved views of the runs table (migration 015); names are unique ignoring case. */
export interface RunViewStore {
  /** Every view, by name (ignoring case). */
  list(): RunViewRow[];
  /** The view of this name (ignoring case). */
  get(name: string): RunViewRow | undefined;
  /** Stores a new view; the name must be free. */
  insert(name: string, content: string, at: string): void;
  /** Replaces the view of this name (ignoring case): its name as given now, its content, its time. */
  replace(name: string, content: string, at: string): void;
  /** Renames a view; false when there is none of that name. */
  rename(name: string, to: string, at: string): boolean;
  /** Deletes a view; false when there is none of that name. */
  delete(name: string): boolean;
  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T;
}
