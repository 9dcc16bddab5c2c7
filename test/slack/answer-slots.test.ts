// The answer slots that keep a burst of slash commands from holding the event loop: a few at
// once, the rest in arrival order, and an answer that never finishes gives its slot up.
import { describe, expect, it } from 'vitest';
import { AnswerSlots } from '../../src/slack/answer-slots.js';

/** Work that finishes when the test says so, noting when it started. */
function gated(started: string[], name: string) {
  let finish!: (value: string) => void;
  const done = new Promise<string>((resolve) => {
    finish = resolve;
  });
  let begin!: () => void;
  const began = new Promise<void>((resolve) => {
    begin = resolve;
  });
  return {
    began,
    work: () => {
      started.push(name);
      begin();
      return done;
    },
    finish: () => finish(name),
  };
}

describe('answer slots', () => {
  it('starts work in a free slot at once, and the waiting work in arrival order as slots free', async () => {
    const slots = new AnswerSlots(2, 60_000);
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => gated(started, name));
    expect(slots.full).toBe(false);
    const results = [a, b, c, d].map((job) => slots.run(job.work));
    await Promise.all([a.began, b.began]);
    expect(started).toEqual(['a', 'b']);
    expect(slots.full).toBe(true);
    b.finish();
    expect(await results[1]).toBe('b');
    await c.began;
    expect(started).toEqual(['a', 'b', 'c']);
    a.finish();
    c.finish();
    d.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(slots.full).toBe(false);
  });

  it('frees the slot of failed work and passes the failure on', async () => {
    const slots = new AnswerSlots(1, 60_000);
    await expect(slots.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(
      slots.run(() => {
        throw new Error('thrown at once');
      }),
    ).rejects.toThrow('thrown at once');
    expect(slots.full).toBe(false);
    expect(await slots.run(async () => 'next')).toBe('next');
  });

  it('takes the slot back from work that outlives its expiry, and the next work runs', async () => {
    const slots = new AnswerSlots(1, 5);
    const never = new Promise<string>(() => {});
    const stuck = slots.run(() => never);
    const next = slots.run(async () => 'next');
    await expect(stuck).rejects.toThrow('gave up its slot after 5 ms');
    expect(await next).toBe('next');
    expect(slots.full).toBe(false);
  });
});
