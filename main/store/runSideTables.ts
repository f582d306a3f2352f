import type { Database } from 'better-sqlite3';

/**
 * The tables besides `runs` that hold rows of a run (a `run_id` column), e.g. metrics, latest epoch
 * metrics, ε histogram captures: what deleting, exporting or importing a run must carry along.
 */
export function runSideTables(db: Database): string[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  return tables.map((t) => t.name).filter((name) => name !== 'runs' && tableColumns(db, name).some((c) => c.name === 'run_id'));
}

export interface TableColumn {
  name: string;
  /** 1-based position in the primary key, 0 when not part of it. */
  pk: number;
  type: string;
}

export function tableColumns(db: Database, table: string): TableColumn[] {
  return db.prepare(`SELECT name, pk, type FROM pragma_table_info(?)`).all(table) as TableColumn[];
}

interface ForeignKey {
  table: string;
  from: string;
  to: string | null;
}

export function foreignKeys(db: Database, table: string): ForeignKey[] {
  return db.prepare(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`).all(table) as ForeignKey[];
}

/** The table's own integer primary key (a rowid alias), if it has one. */
export function ownIdColumn(db: Database, table: string): string | null {
  const pk = tableColumns(db, table).filter((c) => c.pk > 0);
  return pk.length === 1 && pk[0].type.toUpperCase() === 'INTEGER' && pk[0].name !== 'run_id' ? pk[0].name : null;
}

/** A run table a bundle can carry: its rows, and the rows of tables that hang off each of them. */
export interface CopiedTable {
  table: string;
  /** Columns to copy (not run_id, not an own integer id). */
  columns: string[];
  idColumn: string | null;
  children: { table: string; parentColumn: string; columns: string[] }[];
}

/**
 * The per-run tables whose rows can be copied to another database: those whose foreign keys point
 * only at `runs`, with their child tables (whose only foreign key points at the parent's own id).
 * Tables that also point elsewhere (e.g. a run's membership in a sweep) are left out.
 */
export function copiedRunTables(db: Database, exclude: ReadonlySet<string>): CopiedTable[] {
  const all = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  return runSideTables(db)
    .filter((table) => !exclude.has(table) && foreignKeys(db, table).every((fk) => fk.table === 'runs'))
    .map((table) => {
      const idColumn = ownIdColumn(db, table);
      const children = idColumn
        ? all.flatMap((child) => {
            const fks = foreignKeys(db, child);
            if (fks.length !== 1 || fks[0].table !== table) return [];
            const parentColumn = fks[0].from;
            return [{ table: child, parentColumn, columns: tableColumns(db, child).map((c) => c.name).filter((c) => c !== parentColumn) }];
          })
        : [];
      return { table, columns: tableColumns(db, table).map((c) => c.name).filter((c) => c !== 'run_id' && c !== idColumn), idColumn, children };
    });
}
