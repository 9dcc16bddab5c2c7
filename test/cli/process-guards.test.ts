// Under `start`, a failure nothing caught is logged with the request it came from and the process
// goes on serving (Node's default ends it, taking every other request down with it).
import { describe, expect, it } from 'vitest';
import { runChild } from './child.js';

describe('failures nothing catches, under start', () => {
  it('are logged with their request, and the process lives on', { timeout: 120_000 }, async () => {
    const child = runChild('test/cli/fixtures/unhandled-failures.ts', [], {});
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toBe('still serving\n');
    const request = { method: 'POST', url: '/slack/events', command: '/service', user: 'U0ASKER' };
    const logged = (msg: string, message: string) =>
      expect.objectContaining({ msg, request, err: expect.objectContaining({ message }) });
    expect(child.logs()).toEqual(
      expect.arrayContaining([
        logged('unhandled promise rejection; still serving', 'a forgotten promise'),
        logged('uncaught exception; still serving', 'a throw in a timer'),
      ]),
    );
  });
});
