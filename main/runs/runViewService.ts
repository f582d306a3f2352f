import { ApiError } from '../../shared/api/apiError.js';
import { freeRunViewName, runViewContent, runViewSchema, sameRunViewContent, type RunView, type RunViewImport, type RunViewList, type StoredRunView } from '../../shared/runs/runView.js';
import type { RunViewRow, RunViewStore } from '../store/runViewStore.js';

/**
 * The runs table's saved views: listed, saved (a name already taken is refused unless the caller
 * says to replace it), renamed, deleted, and imported from a browser's storage (where the app kept
 * them before they moved to the database) without losing any.
 */
export class RunViewService {
  constructor(
    private readonly store: RunViewStore,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(): RunViewList {
    const list: RunViewList = { views: [], unreadable: [] };
    for (const row of this.store.list()) {
      const read = readRow(row);
      if ('view' in read) list.views.push(read.view);
      else list.unreadable.push({ name: row.name, message: read.message });
    }
    return list;
  }

  /** Stores a view; a view of the same name (ignoring case) is replaced only with `replace`, else refused as a conflict. */
  save(view: RunView, replace: boolean): StoredRunView {
    return this.store.transaction(() => {
      const existing = this.store.get(view.name);
      const content = JSON.stringify(runViewContent(view));
      if (existing && !replace) throw new ApiError(`A view named "${existing.name}" exists already: replace it, or choose another name`, 'conflict');
      if (existing) this.store.replace(view.name, content, this.now());
      else this.store.insert(view.name, content, this.now());
      return this.mustRead(view.name);
    });
  }

  rename(name: string, to: string): StoredRunView {
    return this.store.transaction(() => {
      const existing = this.store.get(name);
      if (!existing) throw new ApiError(`There is no view named "${name}"`, 'not-found');
      const taken = this.store.get(to);
      // Only the case of its own name may change to a name already taken.
      if (taken && taken.name.toLowerCase() !== existing.name.toLowerCase()) throw new ApiError(`A view named "${taken.name}" exists already: choose another name`, 'conflict');
      this.store.rename(existing.name, to, this.now());
      return this.mustRead(to);
    });
  }

  delete(name: string): { deleted: string } {
    const existing = this.store.get(name);
    if (!existing || !this.store.delete(existing.name)) throw new ApiError(`There is no view named "${name}"`, 'not-found');
    return { deleted: existing.name };
  }

  /**
   * Stores views a browser kept: each under its name, or a free one (`name (2)`) when a view of
   * that name with other content is there; one already stored as it is is left. Entries that are no
   * view are refused by position, with why, and nothing is stored of them.
   */
  importViews(entries: readonly unknown[]): RunViewImport {
    return this.store.transaction(() => {
      const result: RunViewImport = { imported: [], present: [], refused: [] };
      entries.forEach((entry, index) => {
        const parsed = runViewSchema.safeParse(entry);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          result.refused.push({ index, message: issue ? `${issue.path.join('.') || 'view'}: ${issue.message}` : 'not a view' });
          return;
        }
        const view = parsed.data;
        const existing = this.store.get(view.name);
        if (existing) {
          const stored = readRow(existing);
          if ('view' in stored && sameRunViewContent(stored.view, view)) {
            result.present.push(existing.name);
            return;
          }
        }
        const as = freeRunViewName(view.name, this.store.list().map((r) => r.name));
        this.store.insert(as, JSON.stringify(runViewContent(view)), this.now());
        result.imported.push({ name: view.name, as });
      });
      return result;
    });
  }

  private mustRead(name: string): StoredRunView {
    const row = this.store.get(name);
    const read = row && readRow(row);
    if (!read || !('view' in read)) throw new Error(`The view "${name}" was not stored as written`);
    return read.view;
  }
}

/** A row as a view, or why its stored content does not read as one. */
function readRow(row: RunViewRow): { view: StoredRunView } | { message: string } {
  let content: unknown;
  try {
    content = JSON.parse(row.content);
  } catch {
    return { message: 'its stored content is not JSON' };
  }
  const parsed = runViewSchema.safeParse({ ...(content as object), name: row.name });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { message: issue ? `${issue.path.join('.')}: ${issue.message}` : 'it does not read as a view' };
  }
  return { view: { ...parsed.data, createdAt: row.createdAt, updatedAt: row.updatedAt } };
}
