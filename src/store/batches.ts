// Many rows in few statements: split into batches, each sent as a single JSON parameter. Building
// and binding thousands of separate parameters (drizzle's insert().values()) costs far more, in
// JavaScript on the event loop, than the database's work.
import { sql } from 'drizzle-orm';

/** A JSON array of rows as a table `x` for a statement: one parameter, however many rows. */
export function recordset(rows: object[], columns: string) {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) AS x(${sql.raw(columns)})`;
}

/** `items` in consecutive batches of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
