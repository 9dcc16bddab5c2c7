// Issue 5's figures (and issue 11's, from scaffold-skeleton.ts): /create against the fake GitHub answering every request after 50 ms. For
// skeletons of 10 and 500 files: the time from the modal's submit (a signed view_submission to
// the running Bolt app) to the final DM in the requester's thread, and the GitHub API requests
// each created repository took (the form's name check included). Goal: the same request count
// for 10 and 500 files (at most 10), submit-to-link at most 2 s.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createListeners } from '../commands/create.js';
import { commands } from '../commands/index.js';
import { syncFolders } from '../src/cli/local-sync.js';
import { silentLogger } from '../src/log.js';
import { Portal } from '../src/portal/index.js';
import { EVERYONE } from '../src/scaffold/run/create-policy.js';
import { createScaffolder } from '../src/scaffold/create-scaffolder.js';
import { encodeFormMetadata } from '../commands/create/form/form-metadata.js';
import { SearchService } from '../src/search/index.js';
import { createSlackApp } from '../src/slack/index.js';
import { openStores } from '../src/store/index.js';
import { startFakeGitHub } from '../test/support/fake-github.js';
import { addGitWrites } from '../test/support/fake-github-git.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { runSkeletonFigures } from './scaffold-skeleton.js';
import { SlackClient, TEAM_ID } from '../test/support/slack-client.js';
import { fakeGitHubConnection } from '../test/support/fake-github-connection.js';

const SKELETON_SIZES = [10, 500];
const RUNS = 5;
const LATENCY_MS = 50;
const SIGNING_SECRET = 'bench-scaffold-signing-secret';
const GOALS = { requests: 10, submitToLinkMs: 2000 };

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  annotations:
    github.com/team-slug: acme/payments
spec:
  type: team
  children: []
`;

function templateYaml(files: number): string {
  return `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: bench-${files}
  title: Bench ${files} files
spec:
  type: service
  parameters:
    - required: [name, owner, repoUrl]
      properties:
        name: { type: string, ui:field: EntityNamePicker }
        owner: { type: string, ui:field: OwnerPicker }
        repoUrl: { type: string, ui:field: RepoUrlPicker }
  steps:
    - id: fetch
      name: Render the skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          owner: \${{ parameters.owner }}
    - id: publish
      name: Create the GitHub repository
      action: publish:github
      input:
        repoUrl: \${{ parameters.repoUrl }}
        access: \${{ parameters.owner }}
        topics: [bench]
    - id: register
      name: Register in the catalog
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
  output:
    links:
      - title: Repository
        url: \${{ steps.publish.output.remoteUrl }}
`;
}

async function writeTemplate(root: string, files: number): Promise<void> {
  const dir = join(root, `bench-${files}`);
  await mkdir(join(dir, 'skeleton', 'src'), { recursive: true });
  await writeFile(join(dir, 'template.yaml'), templateYaml(files));
  await writeFile(
    join(dir, 'skeleton', 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: ${{ values.owner }}\n',
  );
  // About a kilobyte each, like a small source file.
  const body = Array.from({ length: 30 }, (_, i) => `export const value${i} = '\${{ values.name }}-${i}';`).join('\n');
  for (let i = 1; i < files; i++)
    await writeFile(join(dir, 'skeleton', 'src', `module-${i}.ts`), `// \${{ values.name }} module ${i}\n${body}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'callboard-bench-scaffold-'));
  const stores = await openStores();
  const store = stores.catalog;
  const github = await startFakeGitHub({ org: 'acme', latencyMs: LATENCY_MS });
  const fake = await FakeSlack.start({ users: [{ id: 'U0BENCH', name: 'bench', email: 'bench@example.com' }] });
  let stopSlack: (() => Promise<void>) | undefined;
  try {
    await mkdir(join(root, 'catalog'));
    await writeFile(join(root, 'catalog', 'org.yaml'), CATALOG);
    await syncFolders(store, [join(root, 'catalog')]);
    for (const files of SKELETON_SIZES) await writeTemplate(join(root, 'templates'), files);
    github.org.addTeam({ slug: 'payments', members: ['ada'] });
    const git = addGitWrites(github);
    const connection = await fakeGitHubConnection(github, { retries: 0 });
    const search = new SearchService(
      () => store.searchRows(),
      () => store.catalogVersion(),
    );
    await search.refresh();
    const portal = new Portal(store, async (query, o) => {
      await search.ensureFresh();
      return search.search(query, o);
    });
    const scaffolder = createScaffolder({
      stores,
      settings: {
        templateDirs: [join(root, 'templates')],
        catalogTemplates: false,
        policy: EVERYONE,
        keepFailedRepos: false,
      },
      github: { octokit: connection.octokit, org: 'acme', apiUrl: github.url },
      onCatalogChanged: () => {
        void search.refresh();
      },
      logger: silentLogger,
    });
    const slack = await createSlackApp({
      config: {
        port: 0,
        slack: { botToken: fake.botToken, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl.replace(/\/$/, '') },
      },
      portal,
      stores,
      logger: silentLogger,
      commands,
      listeners: [createListeners({ scaffolder, portal, store, logger: silentLogger })],
    });
    const { port } = await slack.start();
    stopSlack = () => slack.stop();
    const client = new SlackClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, () => fake.responseUrl());

    // The organisation's plan is learnt once an hour (GET /orgs/{org}), not per repository.
    await scaffolder.learnPlan();
    console.log(`Fake GitHub answering each request after ${LATENCY_MS} ms; ${RUNS} repositories per skeleton size.`);
    console.log(
      '| skeleton files | submit -> final DM, median (ms) | max (ms) | GitHub requests per repository | files in the one commit |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: |');
    const requestCounts: number[] = [];
    let worst = 0;
    for (const files of SKELETON_SIZES) {
      const times: number[] = [];
      const counts = new Set<number>();
      let committed = 0;
      for (let i = 0; i < RUNS; i++) {
        const name = `bench-${files}-${i}`;
        const view = {
          id: `V0BENCH${files}${i}`,
          hash: '1',
          team_id: TEAM_ID,
          type: 'modal',
          callback_id: 'callboard.create.form',
          blocks: [],
          private_metadata: encodeFormMetadata({
            template: `template:default/bench-${files}`,
            requestId: `bench-${files}-${i}`,
            pages: [0],
            depth: 1,
            values: {},
          }),
          state: {
            values: {
              'field:name': { value: { type: 'plain_text_input', value: name } },
              'field:owner': {
                'callboard.create.entity': {
                  type: 'external_select',
                  selected_option: { value: 'group:default/payments' },
                },
              },
              'field:repoUrl': { value: { type: 'plain_text_input', value: name } },
            },
          },
        };
        const payload = {
          type: 'view_submission',
          team: { id: TEAM_ID },
          user: { id: 'U0BENCH', name: 'bench', team_id: TEAM_ID },
          api_app_id: 'A0CALLBOARD',
          token: 'x',
          trigger_id: '1.1.1',
          view,
        };
        const postsBefore = fake.callsTo('chat.postMessage').length;
        github.resetStats();
        const started = performance.now();
        const reply = await client.send(
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          'application/x-www-form-urlencoded',
        );
        if (reply.json?.response_action !== 'clear') throw new Error(`bench: the submit was refused: ${reply.text}`);
        await fake.waitFor(
          () =>
            fake
              .callsTo('chat.postMessage')
              .slice(postsBefore)
              .find((c) => String(c.args.text).startsWith(`${name} is ready`)),
          `the final DM for ${name}`,
          60_000,
        );
        times.push(performance.now() - started);
        await scaffolder.tasks.idle();
        counts.add(github.stats().rest);
        committed = git.history(name)[0]?.files.size ?? 0;
      }
      const count = Math.max(...counts);
      requestCounts.push(count);
      worst = Math.max(worst, median(times));
      console.log(
        `| ${files} | ${median(times).toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${[...counts].join(', ')} | ${committed} |`,
      );
    }
    const same = requestCounts.every((c) => c === requestCounts[0]);
    console.log(
      `Goal: the same request count for every size, at most ${GOALS.requests} (${same && requestCounts[0] <= GOALS.requests ? 'met' : 'missed'}); ` +
        `submit-to-link at most ${GOALS.submitToLinkMs} ms (${worst <= GOALS.submitToLinkMs ? 'met' : 'missed'}).`,
    );
  } finally {
    await stopSlack?.();
    await fake.close();
    await github.close();
    await stores.close();
    await rm(root, { recursive: true, force: true });
  }
  await runSkeletonFigures();
}
