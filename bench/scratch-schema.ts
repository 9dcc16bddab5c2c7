// Benches measure Postgres on a schema of their own (DATABASE_URL's database is shared), dropped
// when they end, whether they finished or failed.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A fresh schema name for one area's run: `bench_<area>_<8 hex digits>`. */
export function scratchSchemaName(area: string): string {
  return `bench_${area}_${randomBytes(4).toString('hex')}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

/** Runs `work` on a fresh schema, dropped afterwards whatever happens. */
export async function onScratchSchema<T>(url: string, area: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = scratchSchemaName(area);
  try {
    return await work(schema);
  } finally {
    await dropSchema(url, schema);
  }
}
