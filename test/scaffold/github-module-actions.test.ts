// The actions of Backstage's GitHub module and its workspace actions, run as a /create task
// against the fake GitHub (requests held to GitHub's REST description) and a real store: what
// each leaves on GitHub, a step's own token, allowedHosts, and everything undone when a later
// step fails.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { runTemplate, scaffolderOnFakeGitHub } from './scaffolder-harness.js';
import type { Stores } from '../../src/store/index.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { addRepoSettings, type FakeRepoSettings } from '../support/fake-github-repo-settings.js';
import { openTestStores } from '../support/store.js';

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTests deploy@example';
const PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: full-service
  title: Full service
spec:
  owner: group:default/platform
  type: service
  parameters:
    required: [name]
    properties:
      name: { type: string }
      fail: { type: boolean, default: false }
  steps:
    - id: skeleton
      name: Render the skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: tidy
      name: Remove the drafts
      action: fs:delete
      input: { files: ['drafts/**', unwanted.txt] }
    - id: move
      name: Move the docs
      action: fs:rename
      input:
        files: [{ from: docs-src, to: docs }]
    - id: config
      name: Render one file
      action: fetch:template:file
      input:
        url: ./one.conf
        targetPath: config/app.conf
        values:
          name: \${{ parameters.name }}
    - id: create
      name: Create the repository
      action: github:repo:create
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
        allowedHosts: [github.com]
        description: The \${{ parameters.name }} service
        deleteBranchOnMerge: true
        allowMergeCommit: false
        topics: [service]
        repoVariables: { REGION: eu-west-1 }
        secrets: { SENTRY_DSN: dsn-value-123 }
    - id: push
      name: Push the files
      action: github:repo:push
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
        defaultBranch: main
        protectDefaultBranch: false
        gitCommitMessage: first files
    - id: protect
      name: Protect main
      action: github:branch-protection:create
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
        requiredApprovingReviewCount: 2
        requiredCommitSigning: true
        requiredLinearHistory: true
    - id: pages
      name: Pages for the ledger
      action: github:pages:enable
      input: { repoUrl: github.com?owner=acme&repo=ledger, sourcePath: /docs }
    - id: label
      name: Label the ledger's issue
      action: github:issues:label
      input: { repoUrl: github.com?owner=acme&repo=ledger, number: 7, labels: [scaffolded, triage] }
    - id: environment
      name: Production environment on the ledger
      action: github:environment:create
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        name: production
        deploymentBranchPolicy: { protected_branches: false, custom_branch_policies: true }
        customBranchPolicyNames: [main]
        environmentVariables: { TIER: prod }
        secrets: { DB_PASSWORD: pw-456 }
    - id: hook
      name: Webhook on the ledger
      action: github:webhook
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        webhookUrl: https://ci.example.com/hook
        webhookSecret: hook-secret
        events: [push, pull_request]
        contentType: json
    - id: key
      name: Deploy key on the ledger
      action: github:deployKey:create
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        publicKey: ${PUBLIC_KEY}
        privateKey: "${PRIVATE_KEY.replace(/\n/g, '\\n')}"
        deployKeyName: deploy
    - id: autolink
      name: Ticket links on the ledger
      action: github:autolinks:create
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        keyPrefix: TICKET-
        urlTemplate: https://tickets.example.com/TICKET-<num>
    - id: boom
      name: Wait too long
      if: \${{ parameters.fail }}
      action: debug:wait
      input: { minutes: 5 }
`;

let github: FakeGitHub;
let git: FakeGitWrites;
let settings: FakeRepoSettings;
let stores: Stores;
let scaffolder: Scaffolder;
let dir: string;

async function writeTemplate(name: string, yaml: string, files: Record<string, string> = {}): Promise<void> {
  for (const [path, text] of Object.entries({ 'template.yaml': yaml, ...files })) {
    await mkdir(join(dir, name, path, '..'), { recursive: true });
    await writeFile(join(dir, name, path), text);
  }
}

beforeAll(async () => {
  stores = await openTestStores();
  github = await startFakeGitHub({ org: 'acme', tokens: ['ghp_fake', 'ghp_step_token_1'] });
  github.org.addRepository({ name: 'ledger', files: { 'README.md': '# ledger' } });
  git = addGitWrites(github);
  settings = await addRepoSettings(github, git);
  dir = await mkdtemp(join(tmpdir(), 'callboard-github-module-'));
  await writeTemplate('full-service', TEMPLATE, {
    'skeleton/README.md': '# ${{ values.name }}\n',
    'skeleton/unwanted.txt': 'remove me\n',
    'skeleton/drafts/notes.md': 'draft\n',
    'skeleton/docs-src/index.md': '# Docs of ${{ values.name }}\n',
    'one.conf': 'name = ${{ values.name }}\n',
  });
  scaffolder = await scaffolderOnFakeGitHub(stores, github, { templateDirs: [dir] });
  // The store's migrations wait their turn on a busy machine (the suite runs files side by side).
}, 300_000);

afterAll(async () => {
  await github.close();
  await stores.close();
  await rm(dir, { recursive: true, force: true });
});

function run(raw: Record<string, unknown>, ref = 'template:default/full-service') {
  return runTemplate(scaffolder, ref, raw);
}

describe("Backstage's GitHub module actions", () => {
  it('creates, pushes, protects and configures, as each step asked', async () => {
    const task = await run({ name: 'orders' });
    expect(task.error).toBeUndefined();
    expect(task.state).toBe('completed');
    const [commit] = git.history('orders', 'main');
    expect(commit.message).toBe('first files');
    expect(commit.parents).toEqual([]);
    expect(Object.fromEntries([...commit.files].map(([p, c]) => [p, c.toString('utf8')]))).toEqual({
      'README.md': '# orders\n',
      'docs/index.md': '# Docs of orders\n',
      'config/app.conf': 'name = orders\n',
    });
    const repo = github.org.requireRepository('orders');
    expect(repo.defaultBranch).toBe('main');
    expect(repo.topics).toEqual(['service']);
    const orders = settings.of('orders');
    expect(orders.variables).toEqual(new Map([['REGION', 'eu-west-1']]));
    expect(orders.secrets).toEqual(new Map([['SENTRY_DSN', 'dsn-value-123']]));
    expect(git.branchProtection('orders', 'main')).toMatchObject({
      required_pull_request_reviews: { required_approving_review_count: 2 },
      required_linear_history: true,
      enforce_admins: true,
    });
    expect(orders.signedBranches).toEqual(new Set(['main']));

    const ledger = settings.of('ledger');
    expect(ledger.pages).toEqual({ build_type: 'workflow', source: { branch: 'main', path: '/docs' } });
    expect(ledger.labels.get(7)).toEqual(['scaffolded', 'triage']);
    const production = ledger.environments.get('production')!;
    expect(production.policies).toEqual([{ name: 'main', type: 'branch' }]);
    expect(production.variables).toEqual(new Map([['TIER', 'prod']]));
    expect(production.secrets).toEqual(new Map([['DB_PASSWORD', 'pw-456']]));
    expect([...ledger.hooks.values()]).toEqual([
      {
        events: ['push', 'pull_request'],
        active: true,
        config: { url: 'https://ci.example.com/hook', content_type: 'json', insecure_ssl: '0', secret: 'hook-secret' },
      },
    ]);
    expect([...ledger.keys.values()]).toEqual([{ title: 'deploy', key: PUBLIC_KEY }]);
    expect(ledger.secrets.get('DEPLOY_PRIVATE_KEY')).toBe(PRIVATE_KEY);
    expect(task.steps.find((s) => s.stepId === 'key')?.output).toEqual({ privateKeySecretName: 'DEPLOY_PRIVATE_KEY' });
    expect([...ledger.autolinks.values()]).toEqual([
      { key_prefix: 'TICKET-', url_template: 'https://tickets.example.com/TICKET-<num>', is_alphanumeric: true },
    ]);
  });

  it('undoes everything the steps made when a later step fails, last first', async () => {
    // What the ledger had before: the first test's settings, taken off so the undo shows alone.
    const ledger = settings.of('ledger');
    ledger.pages = undefined;
    ledger.labels.set(7, ['bug']);
    ledger.environments.clear();
    ledger.hooks.clear();
    ledger.keys.clear();
    ledger.secrets.clear();
    ledger.autolinks.clear();

    const task = await run({ name: 'payments', fail: true });
    expect(task.state).toBe('failed');
    expect(task.failedStep).toBe('Wait too long');
    expect(task.error).toBe('waiting 300 s is longer than the most, 30 s');
    expect(git.deleted).toContain('payments');
    expect(github.org.repository('payments')).toBeUndefined();
    expect(ledger.pages).toBeUndefined();
    expect(ledger.labels.get(7)).toEqual(['bug']);
    expect(ledger.environments.size).toBe(0);
    expect(ledger.hooks.size).toBe(0);
    expect(ledger.keys.size).toBe(0);
    expect(ledger.secrets.size).toBe(0);
    expect(ledger.autolinks.size).toBe(0);
  });
});

describe('token and allowedHosts', () => {
  it("uses a step's token for that step's requests only, and masks it in all the task keeps", async () => {
    await writeTemplate(
      'tokened',
      `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: tokened }
spec:
  type: service
  steps:
    - id: hook
      name: Webhook with its own token
      action: github:webhook
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        webhookUrl: https://ci.example.com/other
        token: ghp_step_token_1
    - id: say
      name: Say the token
      action: debug:log
      input: { message: 'used ghp_step_token_1' }
`,
    );
    scaffolder.templates.reload();
    github.resetStats();
    const task = await run({}, 'template:default/tokened');
    expect(task.state).toBe('completed');
    const hookRequests = github.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/hooks');
    expect(hookRequests.map((r) => r.token)).toEqual(['ghp_step_token_1']);
    expect(task.steps[1].log).toEqual(['used ***']);
    expect(JSON.stringify(await scaffolder.taskStore.listTasks())).not.toContain('ghp_step_token_1');
  });

  it('refuses a repoUrl outside allowedHosts before asking anything of GitHub', async () => {
    await writeTemplate(
      'elsewhere',
      `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: elsewhere }
spec:
  type: service
  steps:
    - id: publish
      name: Publish
      action: publish:github
      input:
        allowedHosts: [github.com]
        repoUrl: gitlab.com?owner=acme&repo=away
`,
    );
    scaffolder.templates.reload();
    github.resetStats();
    const task = await run({}, 'template:default/elsewhere');
    expect(task.state).toBe('failed');
    expect(task.failedStep).toBe('Publish');
    expect(task.error).toBe('repoUrl names the host gitlab.com, which is not in allowedHosts (github.com)');
    expect(github.requests.filter((r) => r.kind === 'rest' && r.path.includes('away'))).toEqual([]);
  });
});

describe("publish:github:pull-request's update", () => {
  it('updates the open pull request from the same branch instead of failing: the branch moves to a new commit, the request is retitled', async () => {
    const template = (title: string, text: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: proposal }
spec:
  type: service
  steps:
    - id: file
      name: Write the file
      action: fetch:template:file
      input: { url: ./proposal.md, targetPath: docs/proposal.md, values: { text: ${JSON.stringify(text)} } }
    - id: propose
      name: Propose it
      action: publish:github:pull-request
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        branchName: docs/proposal
        title: ${JSON.stringify(title)}
        description: The proposal.
        update: true
`;
    await writeTemplate('proposal', template('Add the proposal', 'first draft'), {
      'proposal.md': '${{ values.text }}\n',
    });
    scaffolder.templates.reload();
    const first = await run({}, 'template:default/proposal');
    expect(first.state).toBe('completed');
    const opened = git.pulls.filter((p) => p.repo === 'ledger' && p.head === 'docs/proposal');
    expect(opened).toHaveLength(1);

    await writeTemplate('proposal', template('Add the proposal (second draft)', 'second draft'));
    scaffolder.templates.reload();
    const second = await run({}, 'template:default/proposal');
    expect(second.state).toBe('completed');
    expect(second.steps[1].log.join('\n')).toMatch(/updated pull request #\d+ on/);
    const pulls = git.pulls.filter((p) => p.repo === 'ledger' && p.head === 'docs/proposal');
    expect(pulls).toHaveLength(1);
    expect(pulls[0].title).toBe('Add the proposal (second draft)');
    const [latest] = git.history('ledger', 'docs/proposal');
    expect(latest.files.get('docs/proposal.md')!.toString()).toBe('second draft\n');
  });
});
