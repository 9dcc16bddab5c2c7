// The sha git gives a file's content, computed locally: the catalog records it so that the
// GitHub source's next sync recognises the file as unchanged without downloading it again.
import { createHash } from 'node:crypto';

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
