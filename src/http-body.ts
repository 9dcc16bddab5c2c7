// Reading a request body on a server Callboard runs itself (GitHub webhooks, the local command
// endpoint, the playground): one bounded read, so a client cannot make a handler hold an
// unbounded body in memory, and one place that says how big is too big.
import type { IncomingMessage } from 'node:http';

/** Reads the whole body as UTF-8; rejects, and stops reading, once it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw new Error(`the payload is over ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads the body as JSON; a body that is not JSON is an error saying so. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('the body is not JSON');
  }
}
