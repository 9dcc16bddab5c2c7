// The one bounded body reader every server of Callboard's uses: a body over the limit is refused
// (and reading stops), JSON that does not parse says so.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, readJsonBody } from '../src/http-body.js';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    try {
      const value = req.url === '/json' ? await readJsonBody(req, 64) : await readBody(req, 64);
      res.end(JSON.stringify({ value }));
    } catch (error) {
      res.writeHead(400).end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(path: string, body: string): Promise<unknown> {
  try {
    return await (await fetch(`${url}${path}`, { method: 'POST', body })).json();
  } catch (error) {
    // The reader destroys the socket of a body over the limit; a client may see that first.
    return { closed: (error as Error).message };
  }
}

describe('readBody', () => {
  it('reads a body within the limit, emoji included', async () => {
    expect(await post('/text', 'héllo 🚀')).toEqual({ value: 'héllo 🚀' });
    expect(await post('/json', '{"a":[1,2]}')).toEqual({ value: { a: [1, 2] } });
  });

  it('refuses a body over the limit and one that is not JSON', async () => {
    const over = await post('/text', 'x'.repeat(1000));
    expect(over).toSatisfy(
      (answer: Record<string, string>) => answer.error === 'the payload is over 64 bytes' || 'closed' in answer,
    );
    expect(await post('/json', '{nope')).toEqual({ error: 'the body is not JSON' });
  });
});
