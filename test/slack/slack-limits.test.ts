// Slack's limits with a catalog built to break them: a service with 300 dependencies, 300
// dependents and 150 APIs, a team of 200 people owning 751 things, long titles, descriptions and
// link lists. Every answer must be accepted by Slack (the fake refuses what Slack would), and
// say how much it left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/slack/index.js';
import { viewProblems } from '../support/slack-block-rules.js';
import { startHarness, type Harness } from './harness.js';
import { button, buttonsOf, shown } from './message-query.js';

const DEPENDENCIES = 300;
const DEPENDENTS = 300;
const APIS = 150;
const PEOPLE = 200;
const LONG_TITLE = `The ${'very '.repeat(60)}long service`;

function doc(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): string {
  return JSON.stringify({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, ...metadata }, spec });
}

function writeBigCatalog(dir: string): void {
  const docs: string[] = [
    doc(
      'Group',
      'big-team',
      { type: 'team', children: [], profile: { email: 'big@example.com' } },
      {
        title: 'Big Team',
        annotations: { 'slack.com/channel': 'big-team', 'slack.com/channel-id': 'C0BIG', 'opsgenie.com/team': 'big' },
      },
    ),
    doc(
      'Component',
      'monolith',
      {
        type: 'service',
        lifecycle: 'production',
        owner: 'big-team',
        dependsOn: Array.from({ length: DEPENDENCIES }, (_, i) => `resource:store-${i}`),
        providesApis: Array.from({ length: APIS }, (_, i) => `api-${i}`),
      },
      {
        title: LONG_TITLE,
        description: `A description that goes on. ${'And on & on <forever>. '.repeat(300)}`,
        tags: Array.from({ length: 40 }, (_, i) => `tag-${i}`),
        links: Array.from({ length: 80 }, (_, i) => ({
          url: `https://links.example.com/${i}/${'x'.repeat(80)}`,
          title: `Link number ${i} with a long title`,
        })),
        annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'github.com/project-slug': 'example/monolith' },
      },
    ),
  ];
  for (let i = 0; i < DEPENDENCIES; i++)
    docs.push(
      doc(
        'Resource',
        `store-${i}`,
        { type: 'database', owner: 'big-team' },
        { description: `Store number ${i} of many` },
      ),
    );
  for (let i = 0; i < DEPENDENTS; i++)
    docs.push(
      doc('Component', `client-${i}`, {
        type: 'service',
        lifecycle: 'production',
        owner: 'big-team',
        dependsOn: ['component:monolith'],
      }),
    );
  for (let i = 0; i < APIS; i++)
    docs.push(
      doc('API', `api-${i}`, {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'big-team',
        definition: 'openapi: 3.0.0',
      }),
    );
  for (let i = 0; i < PEOPLE; i++) {
    docs.push(
      doc('User', `person-${i}`, {
        memberOf: ['big-team'],
        profile: { displayName: `Person Number ${i}`, email: `person-${i}@example.com` },
      }),
    );
  }
  writeFileSync(join(dir, 'catalog-info.yaml'), docs.join('\n---\n'));
}

describe('Slack limits on an oversized catalog', () => {
  let dir: string;
  let h: Harness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-big-'));
    writeBigCatalog(dir);
    h = await startHarness({
      catalogDirs: [dir],
      fake: {
        users: Array.from({ length: 120 }, (_, i) => ({
          id: `U${String(i).padStart(8, '0')}`,
          name: `person${i}`,
          email: `person-${i}@example.com`,
        })),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const answerAt = async (responseUrl: string) => {
    const post = await h.fake.waitFor(() => h.fake.responsesTo(responseUrl)[0], 'an answer');
    expect(post.error).toBeUndefined();
    return post.body;
  };

  it('shows the card with counts and shortened lists', async () => {
    const card = (await h.client.command('/service', 'monolith')).json;
    const text = shown(card);
    expect(text).toContain('Depends on (300)');
    expect(text).toContain('…and 292 more');
    expect(text).toContain('Depended on by (300)');
    expect(text).toContain('APIs (150)');
    expect(text).toMatch(/Docs: .*…and \d+ more/);
    expect(buttonsOf(card).map((b) => b.label)).toEqual([
      'Dependencies (300)',
      'Dependents (300)',
      'APIs (150)',
      'Members',
      'Share in channel',
    ]);
  });

  it('answers every card button within the limits, with a count of what is not shown', async () => {
    const card = (await h.client.command('/service', 'monolith')).json;
    for (const [label, count] of [
      [/^Dependencies/, 'Depends on (300)'],
      [/^Dependents/, 'Depended on by (300)'],
      [/^APIs/, 'Provides (150)'],
    ] as const) {
      const answer = await answerAt(
        (await h.client.blockAction(button(card, label), { message: { ephemeral: true } })).responseUrl!,
      );
      const text = shown(answer);
      expect(text).toContain(count);
      expect(text).toMatch(/…and \d+ more/);
      expect(text).toMatch(/\[Open one of the \d+… \(first 100 of \d+\) ▾\]/);
    }
    const members = await answerAt(
      (await h.client.blockAction(button(card, 'Members'), { message: { ephemeral: true } })).responseUrl!,
    );
    expect(shown(members)).toContain('(200)');
    expect(shown(members)).toMatch(/…and \d+ more/);
  });

  it('answers /owner, /docs, search and sharing within the limits', async () => {
    const owner = shown((await h.client.command('/owner', 'monolith')).json);
    expect(owner).toContain('People (200)');
    expect(owner).toContain(`Also owns (${DEPENDENCIES + DEPENDENTS + APIS})`);
    const docs = shown((await h.client.command('/docs', 'monolith')).json);
    expect(docs).toMatch(/Links\n(.+\n)+…and \d+ more/);
    const search = shown((await h.client.command('/callboard', 'search client')).json);
    expect(search).toContain('100+ matches');
    const card = (await h.client.command('/service', 'monolith')).json;
    const shared = await h.client.blockAction(button(card, 'Share in channel'), { message: { ephemeral: true } });
    await h.fake.waitFor(() => h.fake.responsesTo(shared.responseUrl!).length === 2, 'the shared card');
    for (const post of h.fake.responsesTo(shared.responseUrl!)) expect(post.error).toBeUndefined();
  });

  it('publishes App Home for someone whose team owns 751 things', async () => {
    await h.client.event(
      { type: 'app_home_opened', user: 'U00000007', channel: 'D7', tab: 'home', event_ts: '1.0' },
      'Ev0BIGHOME',
    );
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[0], 'App Home');
    expect(call.error).toBeUndefined();
    expect(viewProblems(call.args.view)).toEqual([]);
    expect(renderText(call.args.view as never)).toContain(
      `Owned by your teams (${DEPENDENCIES + DEPENDENTS + APIS + 1})`,
    );
    expect(renderText(call.args.view as never)).toMatch(/…and \d+ more: use `\/callboard search` to find them/);
  });
});
