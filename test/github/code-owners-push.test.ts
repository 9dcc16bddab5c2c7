// CODEOWNERS kept current by pushes, not only by full syncs: a signed push to the default branch
// (GitHub's own example push from @octokit/webhooks-examples, adapted to the fake organisation)
// that touches a CODEOWNERS file, or adds or removes files of a repository with one, reads that
// repository's CODEOWNERS and file list again and stores them; other pushes leave them be.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubSource } from '../../src/sources/github/index.js';
import { createGitHubWebhookHandler, GitHubSync } from '../../src/sync/github/index.js';
import {
  componentYaml,
  deliverWebhook,
  FakeOrganisation,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

const SECRET = 'code-owners-push-secret';
type Payload = Record<string, any>;
const examples = (
  createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Payload[] }>
).find((d) => d.name === 'push')!.examples;
/** GitHub's example push of one commit to the default branch. */
const example = examples.find((e) => e.ref === `refs/heads/${e.repository.default_branch}` && e.commits.length === 1)!;

let github: FakeGitHub;
let stores: TestStores;
let sync: GitHubSync;
let server: Server;
let webhookUrl: string;
const org = new FakeOrganisation('acme');

/** The example push, made to say what happened in `repo`: its owner, name, branch and files. */
function push(repo: string, files: { added?: string[]; modified?: string[]; removed?: string[] }) {
  const payload = structuredClone(example);
  const fake = org.requireRepository(repo);
  const commit = {
    ...payload.commits[0],
    added: files.added ?? [],
    modified: files.modified ?? [],
    removed: files.removed ?? [],
  };
  payload.ref = `refs/heads/${fake.defaultBranch}`;
  Object.assign(payload.repository, {
    name: repo,
    full_name: `${org.login}/${repo}`,
    default_branch: fake.defaultBranch,
    master_branch: fake.defaultBranch,
  });
  payload.repository.owner.login = org.login;
  payload.organization = { login: org.login };
  payload.commits = [commit];
  payload.head_commit = commit;
  return { event: 'push', payload };
}

async function deliver(delivery: { event: string; payload: Payload }) {
  const answer = await deliverWebhook(webhookUrl, delivery, SECRET);
  expect(answer.status).toBe(202);
  await sync.idle();
  return JSON.parse(answer.body) as { read: string[]; ignored?: string };
}

const stored = async (repo: string) =>
  (await stores.codeOwners.all()).find((r) => r.locationKey === `github:${org.login}/${repo}`);

beforeAll(async () => {
  org.addRepository({
    name: 'payments',
    files: {
      'catalog-info.yaml': componentYaml('payments', 'payments'),
      '.github/CODEOWNERS': '* @acme/payments\n',
      'src/charge.ts': 'x',
    },
  });
  org.addRepository({ name: 'plain', files: { 'catalog-info.yaml': componentYaml('plain', 'payments') } });
  github = await startFakeGitHub({ org });
  stores = await openTestStores(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  const connection = await fakeGitHubConnection(github);
  const source = new GitHubSource(connection, { org: org.login, paging: { backoffMs: 5, timeoutMs: 5_000 } });
  sync = new GitHubSync({ source, catalog: stores.catalog, codeOwners: stores.codeOwners });
  const handler = createGitHubWebhookHandler({ secret: SECRET, sync });
  server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;
  expect((await sync.runFull()).status).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await sync?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await github?.close();
  await stores?.close();
});

describe('CODEOWNERS refreshed on push', () => {
  it('a push changing CODEOWNERS (and no catalog file) stores the new file', async () => {
    expect((await stored('payments'))?.text).toBe('* @acme/payments\n');
    org.setFile('payments', '.github/CODEOWNERS', '* @acme/payments\n/src/refunds/ @acme/refunds\n');
    await deliver(push('payments', { modified: ['.github/CODEOWNERS'] }));
    expect((await stored('payments'))?.text).toBe('* @acme/payments\n/src/refunds/ @acme/refunds\n');
  });

  it('a push adding and removing files stores the new file list', async () => {
    org.setFile('payments', 'src/refunds/refund.ts', 'y');
    org.deleteFile('payments', 'src/charge.ts');
    await deliver(push('payments', { added: ['src/refunds/refund.ts'], removed: ['src/charge.ts'] }));
    const row = await stored('payments');
    expect(row?.files.sort()).toEqual(['.github/CODEOWNERS', 'catalog-info.yaml', 'src/refunds/refund.ts']);
  });

  it('a CODEOWNERS file added in docs/ is stored, and one removed is forgotten', async () => {
    expect(await stored('plain')).toBeUndefined();
    org.setFile('plain', 'docs/CODEOWNERS', '* @acme/platform\n');
    await deliver(push('plain', { added: ['docs/CODEOWNERS'] }));
    expect(await stored('plain')).toMatchObject({ path: 'docs/CODEOWNERS', text: '* @acme/platform\n' });
    org.deleteFile('plain', 'docs/CODEOWNERS');
    await deliver(push('plain', { removed: ['docs/CODEOWNERS'] }));
    expect(await stored('plain')).toBeUndefined();
  });

  it('leaves CODEOWNERS alone for a push that only modifies files, or adds some where no CODEOWNERS is stored', async () => {
    github.resetStats();
    org.setFile('payments', 'src/refunds/refund.ts', 'z');
    expect(await deliver(push('payments', { modified: ['src/refunds/refund.ts'] }))).toMatchObject({
      read: [],
      ignored: 'the push touched no catalog file',
    });
    org.setFile('plain', 'src/index.ts', 'x');
    expect(await deliver(push('plain', { added: ['src/index.ts'] }))).toMatchObject({ read: [] });
    expect(github.stats()).toMatchObject({ rest: 0, graphql: 0 });
  });
});
