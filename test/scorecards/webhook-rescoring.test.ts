// Re-scoring driven by GitHub's own example webhook payloads (@octokit/webhooks-examples), signed
// and POSTed to a running Callboard's /github/webhook: the fake GitHub (held to GitHub's GraphQL
// schema) is changed as the payload says GitHub changed, the delivery refreshes that repository's
// facts, and the stored outcome moves as a reader of the payload would expect.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import {
  addAlert,
  deliverWebhook,
  FakeOrganisation,
  protectBranch,
  setHeadChecks,
  startFakeGitHub,
  type FakeGitHub,
  type FakeSeverity,
} from '../support/fake-github.js';

type Payload = Record<string, any>;
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Payload[];
}[];
const example = (event: string, index: number): Payload =>
  structuredClone(examples.find((e) => e.name === event)!.examples[index]);

const SECRET = 'webhook-rescoring-secret';

const SCORECARD = `name: repository-health
title: Repository health
filter: { kind: component, spec.lifecycle: production }
levels: [Kept]
checks:
  - id: branch-protected
    title: Default branch requires reviews
    level: Kept
    rule: { all: [{ fact: defaultBranchProtected, operator: equal, value: true }] }
  - id: ci-green
    title: Default branch builds green
    level: Kept
    rule: { all: [{ fact: defaultBranchCheckStatus, operator: equal, value: SUCCESS }] }
  - id: no-medium-alerts
    title: No open Dependabot alerts of medium severity or worse
    level: Kept
    rule:
      all:
        - { fact: dependabotAlerts, path: $.critical, operator: equal, value: 0 }
        - { fact: dependabotAlerts, path: $.high, operator: equal, value: 0 }
        - { fact: dependabotAlerts, path: $.medium, operator: equal, value: 0 }
`;

const component = (name: string, slug: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name.toLowerCase()}
  annotations:
    github.com/project-slug: ${slug}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

/** A running Callboard for one GitHub account, whose catalog has a component per repository. */
class World {
  readonly dir = mkdtempSync(join(tmpdir(), 'callboard-webhook-rescoring-'));
  github!: FakeGitHub;
  started!: StartedCallboard;
  readonly org: FakeOrganisation;

  constructor(login: string, repositories: { name: string; default_branch: string }[]) {
    this.org = new FakeOrganisation(login);
    mkdirSync(join(this.dir, 'catalog'));
    mkdirSync(join(this.dir, 'scorecards'));
    writeFileSync(join(this.dir, 'scorecards', 'health.yaml'), SCORECARD);
    for (const repo of repositories) {
      this.org.addRepository({ name: repo.name, defaultBranch: repo.default_branch, files: { 'README.md': '#' } });
      writeFileSync(join(this.dir, 'catalog', `${repo.name}.yaml`), component(repo.name, `${login}/${repo.name}`));
    }
  }

  async start(): Promise<void> {
    this.github = await startFakeGitHub({ org: this.org });
    this.started = await startCallboard(
      loadConfig({
        CALLBOARD_DATA_DIR: join(this.dir, 'data'),
        PORT: '0',
        CATALOG_DIRS: join(this.dir, 'catalog'),
        SCORECARD_DIRS: join(this.dir, 'scorecards'),
        GITHUB_ORG: this.org.login,
        GITHUB_TOKEN: this.github.token,
        GITHUB_API_URL: this.github.url,
        GITHUB_WEBHOOK_SECRET: SECRET,
      }),
      silentLogger,
    );
  }

  async outcome(repo: string, check: string): Promise<string | undefined> {
    const rows = await this.started.callboard.stores.scorecards.outcomesOf(`component:default/${repo.toLowerCase()}`);
    return rows.find((r) => r.checkId === check)?.outcome;
  }

  /** The facts the start's first refresh read, scored (scored again until known: start-up runs may overlap it). */
  async scoredWithFacts(repo: string, check: string): Promise<string | undefined> {
    const { callboard } = this.started;
    for (let i = 0; i < 200; i += 1) {
      const facts = await callboard.stores.repositoryFacts.factsOf([`${this.org.login}/${repo}`.toLowerCase()]);
      if (facts.size) {
        await callboard.scoring.scoreAll();
        const outcome = await this.outcome(repo, check);
        if (outcome !== 'unknown') return outcome;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.outcome(repo, check);
  }

  async deliver(event: string, payload: Payload) {
    const answer = await deliverWebhook(
      `http://127.0.0.1:${this.started.server.port}/github/webhook`,
      { event, payload },
      SECRET,
    );
    await this.started.githubFacts?.idle();
    return { status: answer.status, body: JSON.parse(answer.body) as { facts?: string[] } };
  }

  async close(): Promise<void> {
    await this.started?.stop();
    await this.github?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// Each test starts a Callboard (PGlite, migrations, a sync): a loaded 2-core machine takes long.
describe("re-scoring on GitHub's example webhooks", { timeout: 180_000 }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('branch_protection_rule created: the default branch now requires a review, so the check passes', async () => {
    // wolfy1339 protects `main`, the default branch, requiring one approving review.
    const payload = example('branch_protection_rule', 1);
    expect(payload.rule).toMatchObject({ name: 'main', required_approving_review_count: 1 });
    world = new World(payload.repository.owner.login, [payload.repository]);
    await world.start();
    const repo = payload.repository.name as string;
    expect(await world.scoredWithFacts(repo, 'branch-protected')).toBe('fail');

    protectBranch(world.org.requireRepository(repo), payload.rule.required_approving_review_count, payload.rule.name);
    const answer = await world.deliver('branch_protection_rule', payload);
    expect(answer.status).toBe(202);
    expect(answer.body.facts).toEqual([payload.repository.full_name.toLowerCase()]);
    expect(await world.outcome(repo, 'branch-protected')).toBe('pass');
  });

  it('dependabot_alert created: a medium alert opens, so the no-medium-alerts check fails and the level is lost', async () => {
    const payload = example('dependabot_alert', 1);
    expect(payload.alert).toMatchObject({ state: 'open', security_vulnerability: { severity: 'medium' } });
    world = new World(payload.repository.owner.login, [payload.repository]);
    await world.start();
    const repo = payload.repository.name as string;
    expect(await world.scoredWithFacts(repo, 'no-medium-alerts')).toBe('pass');

    const severity = payload.alert.security_vulnerability.severity === 'medium' ? 'MODERATE' : 'LOW';
    addAlert(world.org.requireRepository(repo), severity as FakeSeverity);
    expect((await world.deliver('dependabot_alert', payload)).status).toBe(202);
    expect(await world.outcome(repo, 'no-medium-alerts')).toBe('fail');
    const [level] = await world.started.callboard.stores.scorecards.levelsOf([`component:default/${repo}`]);
    expect(level.failing).toContain('no-medium-alerts');
  });

  it('check_suite completed on the default branch turns CI green; one on another branch reads nothing', async () => {
    const onMain = example('check_suite', 1);
    const onOther = example('check_suite', 0);
    expect(onMain.check_suite).toMatchObject({ head_branch: onMain.repository.default_branch, conclusion: 'success' });
    world = new World(onMain.repository.owner.login, [onMain.repository]);
    await world.start();
    const repo = onMain.repository.name as string;
    expect(await world.scoredWithFacts(repo, 'ci-green')).toBe('fail');

    // A suite on `changes`, not the default branch: no facts are read for it.
    const ignored = await world.deliver('check_suite', onOther);
    expect(ignored.status).toBe(202);
    expect(ignored.body.facts).toBeUndefined();

    setHeadChecks(world.org, world.org.requireRepository(repo), 'SUCCESS');
    expect((await world.deliver('check_suite', onMain)).body.facts).toEqual([
      onMain.repository.full_name.toLowerCase(),
    ]);
    expect(await world.outcome(repo, 'ci-green')).toBe('pass');
  });
});
