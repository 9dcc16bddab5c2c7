// Steps beyond creating a repository, through the task service against the fake GitHub and a
// real store: catalog:fetch, `each`, `if`, and github:actions:dispatch.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { runTemplate, scaffolderOnFakeGitHub } from './scaffolder-harness.js';
import type { CatalogStore, Stores } from '../../src/store/index.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { openTestStores } from '../support/store.js';

const fixtures = new URL('../fixtures/scaffold/', import.meta.url).pathname;

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: deploy-all
spec:
  type: service
  parameters:
    required: [owner, environments]
    properties:
      owner: { type: string, ui:field: OwnerPicker }
      environments:
        type: array
        items: { type: string, enum: [staging, production, qa] }
      dryRunOnly: { type: boolean, default: false }
  steps:
    - id: team
      name: Look up the team
      action: catalog:fetch
      input:
        entityRef: \${{ parameters.owner }}
    - id: missing
      name: Look up an optional group
      action: catalog:fetch
      input:
        entityRefs: [group:default/nobody]
        optional: true
    - id: deploy
      name: Deploy each environment
      each: \${{ parameters.environments }}
      if: \${{ not parameters.dryRunOnly }}
      action: github:actions:dispatch
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        workflowId: deploy.yml
        branchOrTagName: main
        workflowInputs:
          environment: \${{ each.value }}
          position: \${{ each.key }}
          team: \${{ steps.team.output.entity.metadata.title }}
  output:
    text:
      - title: Team
        content: \${{ steps.team.output.entity.metadata.annotations['github.com/team-slug'] }}
`;

const SECRET_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: with-secret
spec:
  type: service
  parameters:
    required: [token]
    properties:
      token: { type: string, ui:field: Secret }
      note: { type: string, ui:widget: password }
  steps:
    - id: log
      name: Log it
      action: debug:log
      input:
        message: token is \${{ secrets.token }}, note \${{ secrets.note }}
    - id: deploy
      name: Deploy with the token
      action: github:actions:dispatch
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        workflowId: \${{ 'deploy.yml' if secrets.token else 'none.yml' }}
        branchOrTagName: main
        workflowInputs:
          token: \${{ secrets.token }}
    - id: fail
      name: Fail loudly
      action: github:actions:dispatch
      input:
        repoUrl: github.com?owner=acme&repo=ledger
        workflowId: \${{ secrets.token }}.yml
        branchOrTagName: main
`;

let github: FakeGitHub;
let git: FakeGitWrites;
let stores: Stores;
let store: CatalogStore;
let scaffolder: Scaffolder;
let dir: string;

beforeAll(async () => {
  stores = await openTestStores();
  store = stores.catalog;
  await syncFolders(store, [`${fixtures}catalog`]);
  github = await startFakeGitHub({ org: 'acme' });
  github.org.addRepository({
    name: 'ledger',
    files: {
      'README.md': '# ledger',
      '.github/workflows/deploy.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      environment: { required: true }\n',
    },
  });
  git = addGitWrites(github);
  dir = await mkdtemp(join(tmpdir(), 'callboard-more-actions-'));
  await mkdir(join(dir, 'deploy-all'));
  await writeFile(join(dir, 'deploy-all', 'template.yaml'), TEMPLATE);
  await mkdir(join(dir, 'with-secret'));
  await writeFile(join(dir, 'with-secret', 'template.yaml'), SECRET_TEMPLATE);
  scaffolder = await scaffolderOnFakeGitHub(stores, github, { templateDirs: [dir] });
});

afterAll(async () => {
  await github.close();
  await stores.close();
  await rm(dir, { recursive: true, force: true });
});

function run(raw: Record<string, unknown>, ref = 'template:default/deploy-all') {
  return runTemplate(scaffolder, ref, raw);
}

describe('catalog:fetch, each and github:actions:dispatch', () => {
  it("starts the workflow once per environment with the fetched team, and ends with the team's slug", async () => {
    const task = await run({ owner: 'group:default/payments', environments: ['staging', 'production'] });
    expect(task.state).toBe('completed');
    expect(git.dispatches).toEqual([
      {
        repo: 'ledger',
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: { environment: 'staging', position: '0', team: 'Payments Team' },
      },
      {
        repo: 'ledger',
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: { environment: 'production', position: '1', team: 'Payments Team' },
      },
    ]);
    expect(task.steps[1].log).toEqual(['group:default/nobody is not in the catalog (optional)']);
    expect(task.steps[2].log).toEqual([
      '[0] started the workflow deploy.yml of acme/ledger on main',
      '[1] started the workflow deploy.yml of acme/ledger on main',
    ]);
    expect(task.output.text).toEqual([{ title: 'Team', content: 'acme/payments-devs' }]);
  });

  it('skips a repeated step whose condition does not hold', async () => {
    const before = git.dispatches.length;
    const task = await run({ owner: 'group:default/payments', environments: ['qa'], dryRunOnly: true });
    expect(task.steps.map((s) => s.state)).toEqual(['completed', 'completed', 'skipped']);
    expect(git.dispatches.length).toBe(before);
  });

  it('gives secret fields to the steps only: never stored, logged or shown in an error', async () => {
    const secret = 'sup3r-s3cret-value';
    const task = await run({ token: secret, note: 'hush-hush' }, 'template:default/with-secret');
    expect(git.dispatches.at(-1)).toEqual({
      repo: 'ledger',
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { token: secret },
    });
    expect(task.values).toEqual({});
    expect(task.steps[0].log).toEqual(['token is ***, note ***']);
    expect(task.state).toBe('failed');
    expect(task.error).toBe('GitHub refused to start the workflow ***.yml (404): Not Found');
    const stored = JSON.stringify(await scaffolder.taskStore.listTasks());
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('hush-hush');
  });

  it("fails with GitHub's reason when the workflow cannot be dispatched, naming the step", async () => {
    github.org
      .requireRepository('ledger')
      .branches.get('main')!
      .files.set('.github/workflows/deploy.yml', 'on: push\n');
    const task = await run({ owner: 'group:default/payments', environments: ['qa'] });
    expect(task.state).toBe('failed');
    expect(task.error).toBe(
      "GitHub refused to start the workflow deploy.yml (422): Workflow does not have 'workflow_dispatch' trigger",
    );
    expect(task.failedStep).toBe('Deploy each environment');
  });
});
