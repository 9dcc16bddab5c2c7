// The Block Kit helpers: whatever they are given, what they build fits Slack's limits, and what
// they leave out is counted.
import { describe, expect, it } from 'vitest';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  fieldSections,
  fitBlocks,
  header,
  inlineList,
  link,
  listSection,
  listText,
  section,
  select,
  SLACK_LIMITS,
  truncate,
  type Block,
} from '../../src/slack/index.js';
import { blockProblems } from '../support/slack-block-rules.js';

describe('Block Kit helpers', () => {
  it('truncates with a mark and never splits a surrogate pair', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it("escapes Slack's control characters and only links http(s) and mailto URLs", () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(link('https://example.com/x', 'A|B <c>')).toBe('<https://example.com/x|A¦B &lt;c&gt;>');
    expect(link('javascript:alert(1)', 'click')).toBe('click');
    expect(link('https://example.com/a b', 'spaced')).toBe('spaced');
  });

  it('keeps every text, field and button inside its limit', () => {
    const long = 'x'.repeat(10_000);
    const blocks: Block[] = [
      header(long),
      section(long, button(long, 'a', 'v')),
      ...fieldSections(Array.from({ length: 25 }, (_, i) => [`label ${i}`, long] as [string, string])),
      context(...Array.from({ length: 15 }, () => long)),
      ...actions(Array.from({ length: 30 }, (_, i) => button(long, `b:${i}`, 'v'))),
    ];
    expect(blockProblems(blocks, 'message')).toEqual([]);
    expect(blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields)).toHaveLength(3);
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(2);
  });

  it('refuses a button value Slack would refuse, rather than sending it', () => {
    expect(() => button('x', 'id', 'v'.repeat(SLACK_LIMITS.buttonValue + 1))).toThrow(/longer than Slack allows/);
  });

  it('lists within a budget and says how many it left out', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• item number ${i}`);
    const text = listText(lines);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const shownCount = text.split('\n').length - 1;
    expect(text.endsWith(`…and ${300 - shownCount} more`)).toBe(true);
    expect(listText(lines.slice(0, 3))).toBe('• item number 0\n• item number 1\n• item number 2');
    expect(listText(lines, { maxItems: 2 })).toBe('• item number 0\n• item number 1\n…and 298 more');
    expect(listText([], { empty: 'nothing' })).toBe('nothing');
    const withHeading = listSection('*A heading*', lines);
    expect(blockProblems([withHeading], 'message')).toEqual([]);
    expect((withHeading.text?.text ?? '').endsWith('more')).toBe(true);
  });

  it('joins inline items whole, never cutting a link', () => {
    const links = Array.from({ length: 100 }, (_, i) => link(`https://example.com/${i}`, `link ${i}`));
    const text = inlineList(links, 500);
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text).toMatch(/<https:\/\/example\.com\/\d+\|link \d+> · …and \d+ more$/);
  });

  it('offers at most 100 options in a select, saying how many there were', () => {
    const options = Array.from({ length: 300 }, (_, i) => ({ label: `option ${i}`, value: `v${i}` }));
    const picker = select('Open one…', 'pick', options)!;
    expect(picker.options).toHaveLength(100);
    expect(picker.placeholder?.text).toBe('Open one… (first 100 of 300)');
    expect(blockProblems([section('x', picker)], 'message')).toEqual([]);
    expect(select('none', 'pick', [{ label: 'too long', value: 'v'.repeat(151) }])).toBeUndefined();
  });

  it('fits a message to 50 blocks, keeping its trailing buttons and counting what it dropped', () => {
    const blocks: Block[] = [
      ...Array.from({ length: 80 }, (_, i) => section(`s${i}`)),
      ...actions([button('Share', 'share', 'v')]),
    ];
    const fitted = fitBlocks(blocks, SLACK_LIMITS.messageBlocks);
    expect(fitted).toHaveLength(50);
    expect(fitted[fitted.length - 1].type).toBe('actions');
    expect(JSON.stringify(fitted[fitted.length - 2])).toContain('32 more blocks not shown');
    expect(blockProblems(fitted, 'message')).toEqual([]);
  });
});
