import type { SavedFilter } from '../../../shared/schemas/customer';
import type { Db } from '../open';
import { stmt } from '../stmt';

/** Saved customer filters (`saved_filters`), the row as the API names it. */
const COLS = 'id, name, query, tag, consent, created_at AS createdAt';

export function listSavedFilters(db: Db): SavedFilter[] {
  return stmt<[], SavedFilter>(db, `SELECT ${COLS} FROM saved_filters ORDER BY name COLLATE NOCASE`).all();
}

/** The filter saved under a name, in any case. */
export function savedFilterByName(db: Db, name: string): SavedFilter | undefined {
  return stmt<[string], SavedFilter>(db, `SELECT ${COLS} FROM saved_filters WHERE name = ? COLLATE NOCASE`).get(name);
}

export type SavedFilterWrite = Pick<SavedFilter, 'query' | 'tag' | 'consent'>;

export function updateSavedFilter(db: Db, id: number, f: SavedFilterWrite): void {
  stmt(db, 'UPDATE saved_filters SET query = ?, tag = ?, consent = ? WHERE id = ?').run(f.query, f.tag, f.consent, id);
}

export function insertSavedFilter(db: Db, name: string, f: SavedFilterWrite, now: number): void {
  stmt(db, 'INSERT INTO saved_filters (name, query, tag, consent, created_at) VALUES (?, ?, ?, ?, ?)').run(
    name,
    f.query,
    f.tag,
    f.consent,
    now,
  );
}

/** Deletes one; answers whether it existed. */
export function deleteSavedFilter(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM saved_filters WHERE id = ?').run(id).changes > 0;
}
