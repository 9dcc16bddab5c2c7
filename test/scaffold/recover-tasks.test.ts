// A restart in the middle of a request: when Callboard starts again, the request is marked
// failed, the repository it had created is deleted, and the requester is told; a request that
// was recorded but never started is started. None stays processing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import type { RunOutcome } from '../../src/scaffold/run/run-steps.js';
import type { GitHubConnection } from '../../src/sources/github/connection.js';
import type { Stores } from '../../src/store/index.js';
import type { TaskRecord } from '../../src/store/task-store.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { openTestStores } from '../support/store.js';
import { scaffolderOnFakeGitHub } from './scaffolder-harness.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

let github: FakeGitHub;
let git: FakeGitWrites;
let stores: Stores;
let connection: GitHubConnection;

/** Callboard starting (again) on the same store. */
function start(): Promise<Scaffolder> {
  return scaffolderOnFakeGitHub(stores, github);
}

const values = {
  name: 'cut-off',
  description: 'x',
  owner: 'group:default/payments',
  repoUrl: 'github.com?owner=acme&repo=cut-off',
  lifecycle: 'experimental',
  port: 8080,
  visibility: 'private',
  protectDefaultBranch: false,
};

beforeAll(async () => {
  stores = await openTestStores();
  github = await startFakeGitHub({ org: 'acme' });
  github.org.addRepository({ name: 'older', files: { 'README.md': '# older' } });
  github.org.addTeam({ slug: 'payments', members: ['ada'] });
  git = addGitWrites(github);
  connection = await fakeGitHubConnection(github, { retries: 0 });
});

afterAll(async () => {
  await github.close();
  await stores.close();
});

describe('requests cut off by a restart', () => {
  it('fails a running request, deletes the repository it had created, tells the requester; starts one never started', async () => {
    const before = await start();
    const template = (await before.templates.get('template:default/typescript-service'))!;
    const steps = template.steps.map((s) => ({ stepId: s.id, name: s.name, action: s.action }));
    // The first Callboard: the skeleton rendered, the repository created, then the process stopped.
    await before.taskStore.createTask({
      id: 'cut',
      requestKey: 'cut',
      templateRef: template.ref,
      templateTitle: template.title,
      requestedBy: 'U1',
      values,
      steps,
    });
    await before.taskStore.claim('cut', { owner: 'the-first-callboard', ms: 60_000 });
    await before.taskStore.startStep('cut', 0);
    await before.taskStore.finishStep('cut', 0, { state: 'completed', log: ['rendered 12 files'], output: {} });
    await before.taskStore.startStep('cut', 1);
    await connection.octokit.request('POST /orgs/{org}/repos', {
      org: 'acme',
      name: 'cut-off',
      auto_init: true,
      private: true,
    });
    const waiting = { ...values, name: 'waiting', repoUrl: 'github.com?owner=acme&repo=waiting' };
    await before.taskStore.createTask({
      id: 'waiting',
      requestKey: 'waiting',
      templateRef: template.ref,
      templateTitle: template.title,
      requestedBy: 'U2',
      values: waiting,
      steps,
    });

    // The second Callboard starts.
    const after = await start();
    const told: Array<{ task: TaskRecord; outcome: RunOutcome }> = [];
    after.tasks.useNotifier({
      async finished(task, outcome) {
        told.push({ task, outcome });
      },
    });
    expect(await after.tasks.recoverAbandoned({ everyLease: true })).toEqual({ failed: 1, started: 1 });
    await after.tasks.idle();

    const cut = (await after.taskStore.getTask('cut'))!;
    expect(cut).toMatchObject({
      state: 'failed',
      failedStep: 'Create the GitHub repository',
      error: 'Callboard stopped while this request was running (at "Create the GitHub repository"); please ask again',
    });
    expect(git.deleted).toEqual(['cut-off']);
    expect(github.org.repository('older')).toBeDefined();
    const toldCut = told.find((t) => t.task.id === 'cut')!;
    expect(toldCut.outcome.cleanup).toEqual(['deleted acme/cut-off, which this request had created']);

    expect((await after.taskStore.getTask('waiting'))!.state).toBe('completed');
    expect(git.history('waiting')).toHaveLength(1);
    expect(await after.taskStore.listTasks({ state: 'processing' })).toEqual([]);
  });
});
