// The fake GitHub speaks GitHub's formats to the real octokit, through Callboard's connection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@octokit/webhooks';
import { createGitHubConnection } from '../../src/sources/github/connection.js';
import {
  deliverWebhook,
  generateAppKeyPair,
  gitBlobOid,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github.js';

const CATALOG =
  'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: api\nspec:\n  type: service\n  owner: team-a\n  lifecycle: production\n';

let github: FakeGitHub;

beforeEach(async () => {
  github = await startFakeGitHub({ org: 'acme' });
  github.org.addRepository({
    name: 'api',
    files: { 'catalog-info.yaml': CATALOG, 'docs/index.md': '# API' },
    topics: ['backstage'],
  });
  github.org.addRepository({ name: 'web', defaultBranch: 'trunk', files: { 'README.md': 'web' } });
});

afterEach(async () => {
  await github.close();
});

const connect = (extra: Partial<Parameters<typeof createGitHubConnection>[0]> = {}) =>
  createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url, retryBaseMs: 10, ...extra });

describe('fake GitHub REST', () => {
  it('serves repositories, recursive trees and file contents as GitHub does', async () => {
    const { octokit } = await connect();
    const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'web' });
    expect(repo.data).toMatchObject({ full_name: 'acme/web', default_branch: 'trunk', archived: false, fork: false });

    const tree = await octokit.rest.git.getTree({ owner: 'acme', repo: 'api', tree_sha: 'main', recursive: 'true' });
    expect(tree.data.tree.map((e) => [e.path, e.type])).toEqual([
      ['catalog-info.yaml', 'blob'],
      ['docs', 'tree'],
      ['docs/index.md', 'blob'],
    ]);
    expect(tree.data.tree[0].sha).toBe(gitBlobOid(CATALOG));

    const file = await octokit.rest.repos.getContent({ owner: 'acme', repo: 'api', path: 'catalog-info.yaml' });
    const data = file.data as { content: string; sha: string };
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(CATALOG);
    expect(data.sha).toBe(gitBlobOid(CATALOG));
  });

  it('paginates with Link headers and follows a renamed repository', async () => {
    for (let i = 0; i < 5; i += 1) github.org.addRepository({ name: `svc-${i}` });
    const { octokit } = await connect();
    const all = await octokit.paginate(octokit.rest.repos.listForOrg, { org: 'acme', per_page: 2 });
    expect(all.map((r) => r.name)).toEqual(['api', 'web', 'svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4']);

    github.org.renameRepository('web', 'website');
    const moved = await octokit.rest.repos.get({ owner: 'acme', repo: 'web' });
    expect(moved.data.full_name).toBe('acme/website');
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'nothing' })).rejects.toMatchObject({ status: 404 });
  });

  it('answers teams, members and users', async () => {
    github.org.addUser({ login: 'ada', name: 'Ada', email: 'ada@acme.test' });
    github.org.addTeam({ slug: 'platform', members: ['ada'] });
    github.org.addTeam({ slug: 'sre', parent: 'platform', members: ['bob'] });
    const { octokit } = await connect();
    const teams = await octokit.rest.teams.list({ org: 'acme' });
    expect(teams.data.map((t) => [t.slug, t.parent?.slug ?? null])).toEqual([
      ['platform', null],
      ['sre', 'platform'],
    ]);
    const members = await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'platform' });
    expect(members.data.map((m) => m.login)).toEqual(['ada', 'bob']);
    const user = await octokit.rest.users.getByUsername({ username: 'ada' });
    expect(user.data).toMatchObject({ login: 'ada', name: 'Ada', email: 'ada@acme.test' });
  });

  it('refuses a missing or wrong token', async () => {
    const connection = await createGitHubConnection({ org: 'acme', token: 'ghp_wrong', apiUrl: github.url });
    await expect(connection.octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('fake GitHub GraphQL', () => {
  const LISTING = `query Listing($org: String!, $first: Int!) {
    rateLimit { cost remaining }
    organization(login: $org) {
      repositories(first: $first) {
        pageInfo { hasNextPage endCursor }
        nodes {
          name isArchived visibility
          defaultBranchRef { name target { oid } }
          repositoryTopics(first: 10) { nodes { topic { name } } }
          catalog: object(expression: "HEAD:catalog-info.yaml") { ... on Blob { oid text byteSize isTruncated } }
        }
      }
    }
  }`;

  it('executes a listing with blob oids and text and charges GitHub points', async () => {
    const connection = await connect();
    const { data } = await connection.graphql<any>(LISTING, { org: 'acme', first: 100 });
    const [api, web] = data.organization.repositories.nodes;
    expect(api.catalog).toEqual({
      oid: gitBlobOid(CATALOG),
      text: CATALOG,
      byteSize: CATALOG.length,
      isTruncated: false,
    });
    expect(api.repositoryTopics.nodes).toEqual([{ topic: { name: 'backstage' } }]);
    expect(web.catalog).toBeNull();
    expect(web.defaultBranchRef.name).toBe('trunk');
    // 1 request for the repositories + 100 for their topics = 101 requests: 1 point.
    expect(data.rateLimit.cost).toBe(1);
    expect(github.stats()).toMatchObject({ graphql: 1, graphqlPoints: 1 });
    expect(connection.counters.read()).toMatchObject({ graphqlQueries: 1, graphqlPoints: 1, restRequests: 0 });
  });

  it('pages with cursors and refuses pages larger than 100 or unbounded', async () => {
    for (let i = 0; i < 3; i += 1) github.org.addRepository({ name: `svc-${i}` });
    const connection = await connect();
    const page = `query($after: String) { organization(login: "acme") { repositories(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } } }`;
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data }: { data: any } = await connection.graphql<any>(page, { after });
      names.push(...data.organization.repositories.nodes.map((n: { name: string }) => n.name));
      if (!data.organization.repositories.pageInfo.hasNextPage) break;
      after = data.organization.repositories.pageInfo.endCursor;
    }
    expect(names).toEqual(['api', 'web', 'svc-0', 'svc-1', 'svc-2']);
    await expect(
      connection.graphql(`{ organization(login: "acme") { repositories(first: 101) { nodes { name } } } }`),
    ).rejects.toThrow(/exceeds the `first` limit of 100/);
    await expect(
      connection.graphql(`{ organization(login: "acme") { repositories { nodes { name } } } }`),
    ).rejects.toThrow(/must provide a `first` or `last`/);
  });

  it('counts nested connections the way GitHub documents', async () => {
    const connection = await connect();
    // GitHub's example: 1 request for 100 teams + 100 for their child teams + 100*50 for those
    // children's members = 5101 requests: 51 points.
    const { data } = await connection.graphql<any>(`{ rateLimit { cost } organization(login: "acme") {
      teams(first: 100) { nodes { childTeams(first: 50) { nodes { members(first: 60) { nodes { login } } } } } } } }`);
    expect(data.rateLimit.cost).toBe(51);
    // 1 + 100 member lists = 101 requests: 1 point.
    const flat = await connection.graphql<any>(`{ rateLimit { cost } organization(login: "acme") {
      teams(first: 100) { nodes { members(first: 100) { nodes { login } } } } } }`);
    expect(flat.data.rateLimit.cost).toBe(1);
  });

  it('answers aliased repositories with NOT_FOUND beside the data', async () => {
    const connection = await connect();
    const answer = await connection.graphql<any>(
      `{ a: repository(owner: "acme", name: "api") { name } b: repository(owner: "acme", name: "gone") { name } }`,
    );
    expect(answer.data).toEqual({ a: { name: 'api' }, b: null });
    expect(answer.errors).toEqual([expect.objectContaining({ type: 'NOT_FOUND', path: ['b'] })]);
  });

  it('reads trees and files by expression on any branch', async () => {
    github.org.setFile('api', 'catalog/one.yaml', 'one', 'release');
    const connection = await connect();
    const { data } = await connection.graphql<any>(`{ repository(owner: "acme", name: "api") {
      root: object(expression: "release:catalog") { ... on Tree { entries { name type oid } } }
      ref(qualifiedName: "refs/heads/release") { target { oid } } } }`);
    expect(data.repository.root.entries).toEqual([{ name: 'one.yaml', type: 'blob', oid: gitBlobOid('one') }]);
    expect(data.repository.ref.target.oid).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('fake GitHub failures and rate limits', () => {
  it('a primary GraphQL rate limit pauses until the reset, then the query succeeds', async () => {
    const connection = await connect();
    github.rateLimitOnce('graphql', 'primary', { seconds: 1 });
    const { data } = await connection.graphql<any>(`{ organization(login: "acme") { login } }`);
    expect(data.organization.login).toBe('acme');
    expect(github.stats()).toMatchObject({ graphql: 2, rateLimited: 1 });
    expect(connection.counters.read().rateLimitWaits).toBe(1);
  });

  it('a primary REST rate limit and a secondary one both wait and succeed', async () => {
    const { octokit, counters } = await connect();
    github.rateLimitOnce('rest', 'primary', { seconds: 1 });
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).resolves.toMatchObject({ status: 200 });
    github.rateLimitOnce('rest', 'secondary', { seconds: 1 });
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).resolves.toMatchObject({ status: 200 });
    expect(counters.read().rateLimitWaits).toBe(2);
    expect(github.stats().rateLimited).toBe(2);
  });

  it('retries a 502 on REST; gives the caller the 502 when told not to retry GraphQL', async () => {
    const connection = await connect();
    github.inject({ kind: 'rest', times: 1, effect: { status: 502 } });
    await expect(connection.octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).resolves.toMatchObject({
      status: 200,
    });
    github.inject({ kind: 'graphql', times: 1, effect: { status: 502 } });
    await expect(
      connection.graphql(`{ organization(login: "acme") { login } }`, {}, { retries: 0 }),
    ).rejects.toMatchObject({ status: 502 });
    expect(connection.counters.read().failedRequests).toBe(2);
  });

  it('a slow answer past the timeout aborts the attempt', async () => {
    const connection = await connect();
    github.inject({ kind: 'graphql', times: 1, effect: { delayMs: 500 } });
    await expect(
      connection.graphql(`{ organization(login: "acme") { login } }`, {}, { retries: 0, timeoutMs: 100 }),
    ).rejects.toThrow();
    await expect(
      connection.graphql(`{ organization(login: "acme") { login } }`, {}, { retries: 0, timeoutMs: 1000 }),
    ).resolves.toBeTruthy();
  });
});

describe('fake GitHub auth, Enterprise paths and webhooks', () => {
  it('authenticates a GitHub App installation with a signed JWT', async () => {
    const keys = generateAppKeyPair();
    await github.close();
    github = await startFakeGitHub({
      org: 'acme',
      app: { appId: '42', installationId: '7', publicKey: keys.publicKey },
    });
    github.org.addRepository({ name: 'api' });
    const connection = await createGitHubConnection({
      org: 'acme',
      apiUrl: github.url,
      app: { appId: '42', installationId: '7', privateKey: keys.privateKey },
    });
    await expect(connection.octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).resolves.toMatchObject({
      status: 200,
    });
    expect(connection.counters.read().restRequests).toBe(1);

    const other = generateAppKeyPair();
    const impostor = await createGitHubConnection({
      org: 'acme',
      apiUrl: github.url,
      retries: 0,
      app: { appId: '42', installationId: '7', privateKey: other.privateKey },
    });
    await expect(impostor.octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).rejects.toMatchObject({
      status: 401,
    });
  });

  it('serves REST under /api/v3 and GraphQL under /api/graphql for an Enterprise base URL', async () => {
    const connection = await connect({ apiUrl: github.enterpriseUrl });
    await expect(connection.octokit.rest.repos.get({ owner: 'acme', repo: 'api' })).resolves.toMatchObject({
      status: 200,
    });
    const { data } = await connection.graphql<any>(`{ organization(login: "acme") { login } }`);
    expect(data.organization.login).toBe('acme');
  });

  it('delivers webhooks signed so that @octokit/webhooks accepts them', async () => {
    const webhooks = new Webhooks({ secret: 'hook-secret' });
    const received: string[] = [];
    webhooks.on('push', ({ payload }) => {
      received.push(`${payload.repository.full_name} ${payload.commits[0]?.modified?.join(',')}`);
    });
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      try {
        await webhooks.verifyAndReceive({
          id: String(req.headers['x-github-delivery']),
          name: String(req.headers['x-github-event']) as 'push',
          payload: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers['x-hub-signature-256']),
        });
        res.writeHead(202).end();
      } catch {
        res.writeHead(401).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      github.org.setFile('api', 'catalog-info.yaml', `${CATALOG}# changed\n`);
      const push = github.payloads.push('api', { modified: ['catalog-info.yaml'] });
      expect(await deliverWebhook(url, push, 'hook-secret')).toMatchObject({ status: 202 });
      expect(await deliverWebhook(url, push, 'wrong-secret')).toMatchObject({ status: 401 });
      expect(received).toEqual(['acme/api catalog-info.yaml']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
