// Replicas started together on an empty database: before migrations ran under an advisory lock,
// about half of such starts failed with `Failed query: CREATE TABLE "catalog_state"` as two
// replicas created the same tables at once. Postgres only: PGlite belongs to one process.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../src/store/index.js';
import { postgresMissing, unless } from '../support/skips.js';

const url = process.env.DATABASE_URL;
const TRIALS = 10;
const REPLICAS = 3;

describe('replicas starting together on a fresh database', unless(postgresMissing()), () => {
  it(`all ${REPLICAS} open and serve, ${TRIALS} times out of ${TRIALS}`, async () => {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        const pgSchema = `t_replicas_${randomBytes(5).toString('hex')}`;
        try {
          const open = () => CatalogStore.open({ url: url!, pgSchema });
          const opened = await Promise.allSettled(Array.from({ length: REPLICAS }, open));
          const stores = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
          try {
            expect(opened.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []))).toEqual([]);
            expect(await Promise.all(stores.map((s) => s.catalogVersion()))).toEqual(Array(REPLICAS).fill(0));
          } finally {
            await Promise.all(stores.map((s) => s.close()));
          }
          const [{ applied }] = await admin.unsafe<Array<{ applied: number }>>(
            `SELECT count(*)::int AS applied FROM "${pgSchema}"."__drizzle_migrations"`,
          );
          expect(applied).toBeGreaterThan(0);
        } finally {
          await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
        }
      }
    } finally {
      await admin.end();
    }
  });
});
