// /healthz and /readyz as an orchestrator probes them. Liveness answers at once whatever the
// database does (it once hung on every probe while Postgres was unreachable, under 10 probes a
// second); readiness says 503, with the reason, while the database does not answer, and 200 again
// once it does.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.js';
import { openTestStores, testStoresOn, type TestStores } from '../support/store.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startHarness, type Harness } from './harness.js';
import { postgresMissing, unless } from '../support/skips.js';

async function probe(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/healthz and /readyz on PGlite', () => {
  let h: Harness;
  let stores: TestStores;
  beforeAll(async () => {
    stores = await openTestStores('pglite');
    h = await startHarness({ stores });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are both 200 while the store answers', async () => {
    expect(await probe(`${h.baseUrl}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = { status: 200, body: { status: 'ready', checks: { database: 'ok', searchIndex: 'ok' } } };
    expect(await probe(`${h.baseUrl}/readyz`)).toEqual(ready);
  });

  it('says not ready, and why, once the store is gone; alive all the same', async () => {
    await stores.close();
    const ready = await probe(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    const reason = expect.stringMatching(/^the catalog store is not answering: /);
    expect(ready.body).toMatchObject({ status: 'unavailable', checks: { database: reason } });
    expect((await probe(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

const url = process.env.DATABASE_URL;

describe('/healthz and /readyz while Postgres stops answering', unless(postgresMissing()), () => {
  let proxy: TcpProxy;
  let stores: TestStores;
  let h: Harness;
  const pgSchema = `t_ready_${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    const target = new URL(url!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    stores = testStoresOn(await openDatabase({ url: viaProxy.toString(), pgSchema }));
    h = await startHarness({ stores });
  });
  afterAll(async () => {
    proxy?.up();
    await h?.close();
    await stores?.close();
    await proxy?.close();
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await admin.end();
  });

  it('stays alive at once, is not ready while the database hangs, and is ready again after', async () => {
    expect((await probe(`${h.baseUrl}/readyz`)).status).toBe(200);
    proxy.down();

    const [ready, ...alive] = await Promise.all([
      probe(`${h.baseUrl}/readyz`),
      ...Array.from({ length: 10 }, () => probe(`${h.baseUrl}/healthz`)),
    ]);
    expect(alive.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(ready.status).toBe(503);
    // Hanging (the usual case: connections dropped, a new one never answered) or refused outright.
    const reason = expect.stringMatching(/^(no answer within 1000 ms|the catalog store is not answering: .+)$/);
    expect(ready.body).toMatchObject({ status: 'unavailable', checks: { database: reason } });

    proxy.up();
    let again = await probe(`${h.baseUrl}/readyz`);
    for (let i = 0; i < 100 && again.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await probe(`${h.baseUrl}/readyz`);
    }
    expect(again).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', searchIndex: 'ok' } } });
  });
});
