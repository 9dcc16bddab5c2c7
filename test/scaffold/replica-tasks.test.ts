// Two replicas on one Postgres, and a /create request under way in one of them (a process of its
// own, held by the fake GitHub just after it created the repository). Another replica starting, or
// a one-shot command, leaves the request alone: it completes, one repository exists, nothing is
// undone. Killed, its process stops renewing the request's lease: once the lease runs out, exactly
// one of the replicas still running recovers it (fails it, deletes the repository it had made).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallboardSlackApp } from '../../src/cli/server.js';
import { silentLogger } from '../../src/log.js';
import { EVERYONE } from '../../src/scaffold/run/create-policy.js';
import { createScaffolder, type Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import type { RunOutcome } from '../../src/scaffold/run/run-steps.js';
import type { ScaffoldSettings } from '../../src/scaffold/settings.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { createGitHubConnection, type GitHubConnection } from '../../src/sources/github/connection.js';
import type { Stores } from '../../src/store/index.js';
import type { TaskRecord } from '../../src/store/task-store.js';
import { runChild, type Child } from '../cli/child.js';
import { searchAndPortal, testCallboard } from '../support/callboard.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { openReplicaStores, openTestStores, testSchemaOf, type TestStores } from '../support/store.js';

/** Short, so the test waits little for a dead replica's lease; renewed every second. */
const LEASE_MS = 3000;

const settings: ScaffoldSettings = {
  templateDirs: [defaultTemplateDir()],
  catalogTemplates: false,
  policy: EVERYONE,
  keepFailedRepos: false,
  taskLeaseMs: LEASE_MS,
};

describe.skipIf(!process.env.DATABASE_URL)('a /create request while replicas come and go (Postgres)', () => {
  let github: FakeGitHub;
  let git: FakeGitWrites;
  let connection: GitHubConnection;
  let stores: TestStores;
  const replicas: Stores[] = [];
  const children: Child[] = [];
  const releases: Array<() => void> = [];

  beforeAll(async () => {
    github = await startFakeGitHub({ org: 'acme' });
    github.org.addTeam({ slug: 'payments', members: ['ada'] });
    git = addGitWrites(github);
    connection = await createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url, retries: 0 });
    stores = await openTestStores('postgres');
    for (let i = 0; i < 3; i++) replicas.push(await openReplicaStores(stores));
  });

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    for (const release of releases) release();
    for (const replica of replicas) await replica.close();
    await stores?.close();
    await github?.close();
  });

  /** A replica process creating the repository `name`; resolves once GitHub holds its first tree write. */
  async function runningReplica(name: string): Promise<{ child: Child; release: () => void; task: TaskRecord }> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    releases.push(release);
    const held = new Promise<void>((resolve) => {
      github.inject({
        kind: 'rest',
        path: `/repos/acme/${name}/git/trees`,
        times: 1,
        effect: { holdUntil: released, onHeld: () => resolve() },
      });
    });
    const child = runChild(
      'test/scaffold/fixtures/create-replica.ts',
      [process.env.DATABASE_URL!, testSchemaOf(stores), github.url, github.token, String(LEASE_MS), name],
      {},
    );
    children.push(child);
    await Promise.race([
      held,
      child.exited.then((code) => {
        throw new Error(`the replica exited (${code}) before publishing:\n${child.stdout()}`);
      }),
    ]);
    const task = (await stores.tasks.taskByRequestKey(name))!;
    return { child, release, task };
  }

  it('completes while another replica starts and a one-shot command runs: one repository, nothing undone', {
    timeout: 120_000,
  }, async () => {
    const { child, release, task } = await runningReplica('while-starting');
    expect(task.state).toBe('processing');
    expect(github.org.repository('while-starting')).toBeDefined();

    // Another replica starts as `callboard start` builds it, and its first look for abandoned requests ends.
    const starting = await createCallboardSlackApp(
      testCallboard(
        { stores: replicas[0], ...searchAndPortal(replicas[0].catalog) },
        { databaseUrl: process.env.DATABASE_URL, scaffold: settings },
      ),
      silentLogger,
      { github: connection, localOnly: true, recoverTasks: true },
    );
    await starting.scaffolder.tasks.idle();
    // A one-shot command (`callboard status` builds the same app, without recovery).
    const oneShot = await createCallboardSlackApp(
      testCallboard(
        { stores: replicas[1], ...searchAndPortal(replicas[1].catalog) },
        { databaseUrl: process.env.DATABASE_URL, scaffold: settings },
      ),
      silentLogger,
      { github: connection, localOnly: true },
    );
    expect((await oneShot.ask('/callboard status')).text).toContain('Catalog status');
    await oneShot.stop();

    expect((await stores.tasks.getTask(task.id))!.state).toBe('processing');
    expect(git.deleted).toEqual([]);

    release();
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toContain('finished completed');
    expect((await stores.tasks.getTask(task.id))!.state).toBe('completed');
    expect(git.deleted).toEqual([]);
    expect(git.history('while-starting')).toHaveLength(1);
    await starting.stop();
  });

  it('is recovered once, by one replica, after the killed replica’s lease ran out', { timeout: 120_000 }, async () => {
    const { child, task } = await runningReplica('killed-midway');
    const told: Array<{ task: TaskRecord; outcome: RunOutcome }> = [];
    let recovered!: () => void;
    const recovery = new Promise<void>((resolve) => {
      recovered = resolve;
    });
    const running: Scaffolder[] = replicas.slice(0, 2).map((replica) => {
      const scaffolder = createScaffolder({
        stores: replica,
        settings,
        github: { octokit: connection.octokit, org: 'acme', apiUrl: github.url },
        logger: silentLogger,
      });
      scaffolder.tasks.useNotifier({
        async finished(finished, outcome) {
          told.push({ task: finished, outcome });
          recovered();
        },
      });
      return scaffolder;
    });
    // Both look at once, while the replica process holds its lease: neither takes the request.
    await Promise.all(running.map((scaffolder) => scaffolder.tasks.keepRecovering()));
    expect((await stores.tasks.getTask(task.id))!.state).toBe('processing');
    expect(told).toEqual([]);

    child.process.kill('SIGKILL');
    await child.exited;
    await recovery;
    await Promise.all(running.map((scaffolder) => scaffolder.tasks.idle()));

    expect(told).toHaveLength(1);
    expect(told[0].task).toMatchObject({
      id: task.id,
      state: 'failed',
      error: 'Callboard stopped while this request was running (at "Create the GitHub repository"); please ask again',
    });
    expect(told[0].outcome.cleanup).toEqual(['deleted acme/killed-midway, which this request had created']);
    expect(git.deleted).toEqual(['killed-midway']);
    expect((await stores.tasks.getTask(task.id))!.state).toBe('failed');
  });
});
