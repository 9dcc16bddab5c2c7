// Many rows into one statement as a single JSON parameter: building and binding thousands of
// separate parameters (drizzle's insert().values()) costs far more, in JavaScript on the event
// loop, than the database's work.
import { sql } from 'drizzle-orm';

/** A JSON array of rows as a table `x` for a statement: one parameter, however many rows. */
export function recordset(rows: object[], columns: string) {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) AS x(${sql.raw(columns)})`;
}
