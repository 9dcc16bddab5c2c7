import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

describe('logs', () => {
  it('redact tokens and secrets wherever a logged object carries them', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    logger.info(
      {
        token: 'ghp_a1',
        slack: { botToken: 'xoxb-a2', signingSecret: 's3' },
        github: { privateKey: 'pk4', webhookSecret: 'w5' },
      },
      'config',
    );
    logger.error(
      { err: { message: 'boom', request: { headers: { authorization: 'token ghp_b6' } } } },
      'request failed',
    );
    const text = lines.join('');
    for (const secret of ['ghp_a1', 'xoxb-a2', 's3"', 'pk4', 'w5', 'ghp_b6']) expect(text).not.toContain(secret);
    expect(text).toContain('request failed');
    expect(text).toContain('[redacted]');
  });
});
