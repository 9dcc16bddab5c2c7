// The question reader on the labelled set of 100 questions (floor: 95% read right), and its answer
// to questions it cannot read: unknown, never a guess.
import { describe, expect, it } from 'vitest';
import { LABELLED_QUESTIONS, SCORECARD_QUESTIONS } from '../../bench/owner-questions.js';
import { readQuestion } from '../../src/ownership/question-reader.js';

describe('readQuestion', () => {
  it('reads at least 95 of the 100 labelled questions right', () => {
    const wrong = LABELLED_QUESTIONS.filter(
      ([q, want]) => JSON.stringify(readQuestion(q)) !== JSON.stringify(want),
    ).map(([q, want]) => `${q} → ${JSON.stringify(readQuestion(q))}, want ${JSON.stringify(want)}`);
    expect(LABELLED_QUESTIONS).toHaveLength(100);
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(5);
  });

  it('reads scorecard questions ("X\'s scorecard", "how is X scoring"), and the 100 above still as before', () => {
    for (const [q, want] of SCORECARD_QUESTIONS) expect(readQuestion(q), q).toEqual(want);
    expect(readQuestion('who owns the scorecard service?')).toEqual({ intent: 'owner', subject: 'scorecard' });
  });

  it('reads nothing into chatter, another language or a very long message', () => {
    expect(readQuestion('thanks! that fixed it')).toEqual({ intent: 'unknown' });
    expect(readQuestion('wer ist für ledger zuständig?')).toEqual({ intent: 'unknown' });
    expect(readQuestion(`who owns ${'x'.repeat(40_000)}`)).toEqual({ intent: 'unknown' });
  });
});
