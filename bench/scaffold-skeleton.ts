// Issue 11's figures. Rendering a 500-file skeleton written in Backstage's dialect (templated
// names, if blocks, for loops, filters) with our interpreter, beside the real nunjucks for
// scale (goal: at most 300 ms); and the GitHub requests a pull-request template makes for 10
// and for 500 files against the fake GitHub (goal: at most 6, whatever the file count).
import { Environment } from 'nunjucks';
import { actionRegistry } from '../src/scaffold/actions/registry.js';
import type { ScaffoldAction } from '../src/scaffold/actions/action.js';
import { runSteps } from '../src/scaffold/run/run-steps.js';
import { renderSkeleton } from '../src/scaffold/templating/render-skeleton.js';
import type { SkeletonFile } from '../src/scaffold/templating/skeleton-reader.js';
import type { TemplateDefinition } from '../src/scaffold/types.js';
import { startFakeGitHub } from '../test/support/fake-github.js';
import { addGitWrites } from '../test/support/fake-github-git.js';
import { fakeGitHubConnection } from '../test/support/fake-github-connection.js';

const FILES = 500;
const RUNS = 7;
const GOALS = { renderMs: 300, pullRequestRequests: 6 };

const values = {
  name: 'payments-api',
  owner: 'group:default/payments',
  description: 'Takes "payments".',
  ci: true,
  endpoints: Array.from({ length: 8 }, (_, i) => ({ path: `/v1/thing-${i}`, method: i % 2 ? 'GET' : 'POST' })),
};

/** About a kilobyte per file, each using what Backstage skeletons use. */
function backstageSkeleton(count: number, run = 0): SkeletonFile[] {
  const body = [
    '// ${{ values.name }}: ${{ values.description | dump }}',
    '{%- if values.ci %}',
    'export const owner = "${{ values.owner | replace("group:default/", "") | upper }}";',
    '{%- endif %}',
    '{% for e in values.endpoints -%}',
    'export const route${{ loop.index }} = { path: "${{ e.path }}", method: "${{ e.method | lower }}", last: ${{ loop.last }} };',
    '{% endfor -%}',
    '{# a comment #}{% raw %}const kept = "${{ github.sha }}";{% endraw %}',
  ].join('\n');
  return Array.from({ length: count }, (_, i) => ({
    path: `src/\${{ values.name }}/module-${i}{% if values.ci %}.ts{% endif %}`,
    content: Buffer.from(`${body}\n// ${run}.${i}\n`),
    executable: false,
  }));
}

function median(list: number[]): number {
  return [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
}

/** Each run renders texts it has not seen (parsed trees are cached by text): parsing is timed too. */
function timeRender(): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const files = backstageSkeleton(FILES, i + 1);
    const started = performance.now();
    renderSkeleton(files, new Map(), { values });
    times.push(performance.now() - started);
  }
  return times;
}

function timeNunjucks(files: SkeletonFile[]): number[] {
  const env = new Environment(null, { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    for (const f of files) {
      env.renderString(f.path, { values });
      env.renderString(f.content.toString('utf8'), { values });
    }
    times.push(performance.now() - started);
  }
  return times;
}

function pullRequestTemplate(): TemplateDefinition {
  return {
    ref: 'template:default/bench-pr',
    name: 'bench-pr',
    title: 'Bench pull request',
    type: 'service',
    tags: [],
    pages: [],
    skeletonSyntax: 'backstage',
    output: { links: [], text: [] },
    source: { type: 'url', url: 'https://example.com/t.yaml' },
    entity: { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 'bench-pr' } },
    steps: [
      {
        id: 'fetch',
        name: 'Render',
        action: 'fetch:template',
        input: { url: 'bench', values: { name: '${{ parameters.name }}' } },
      },
      {
        id: 'pr',
        name: 'Pull request',
        action: 'publish:github:pull-request',
        input: {
          repoUrl: 'github.com?owner=acme&repo=ledger',
          branchName: 'bench/${{ parameters.name }}',
          title: 'Add ${{ parameters.name }}',
          description: 'x',
        },
      },
    ],
  };
}

async function pullRequestRequests(): Promise<Array<{ files: number; requests: number; commits: number }>> {
  const github = await startFakeGitHub({ org: 'acme' });
  try {
    github.org.addRepository({ name: 'ledger', files: { 'README.md': '# ledger' } });
    const git = addGitWrites(github);
    const connection = await fakeGitHubConnection(github, { retries: 0 });
    const out: Array<{ files: number; requests: number; commits: number }> = [];
    for (const files of [10, FILES]) {
      const skeleton = backstageSkeleton(files);
      const reader = { read: async () => skeleton, readFile: async () => skeleton[0] };
      github.resetStats();
      const outcome = await runSteps({
        template: pullRequestTemplate(),
        values: { name: `files-${files}` },
        user: {},
        taskId: `bench-${files}`,
        dryRun: false,
        actions: actionRegistry() as ReadonlyMap<string, ScaffoldAction>,
        services: {
          skeletons: reader,
          github: {
            octokit: connection.octokit,
            org: 'acme',
            host: 'github.com',
            webUrl: 'https://github.com',
            keepFailedRepos: false,
          },
        },
      });
      if (outcome.failure) throw new Error(`bench: the pull request failed: ${outcome.failure.reason}`);
      out.push({
        files,
        requests: github.stats().rest,
        commits: git.history('ledger', `bench/files-${files}`).length - 1,
      });
    }
    return out;
  } finally {
    await github.close();
  }
}

export async function runSkeletonFigures(): Promise<void> {
  const ours = timeRender();
  const theirs = timeNunjucks(backstageSkeleton(FILES));
  console.log(
    `\nRendering a ${FILES}-file skeleton in Backstage's dialect (names and contents, parsing included), ${RUNS} runs:`,
  );
  console.log('| renderer | median (ms) | max (ms) |');
  console.log('| --- | ---: | ---: |');
  console.log(`| Callboard's interpreter | ${median(ours).toFixed(1)} | ${Math.max(...ours).toFixed(1)} |`);
  console.log(
    `| nunjucks 3 (for scale; it compiles to JavaScript) | ${median(theirs).toFixed(1)} | ${Math.max(...theirs).toFixed(1)} |`,
  );
  console.log(`Goal: at most ${GOALS.renderMs} ms (${median(ours) <= GOALS.renderMs ? 'met' : 'missed'}).`);

  const pulls = await pullRequestRequests();
  console.log('\nA pull-request template (fetch:template + publish:github:pull-request) against the fake GitHub:');
  console.log('| files | GitHub requests | commits on the branch |');
  console.log('| ---: | ---: | ---: |');
  for (const p of pulls) console.log(`| ${p.files} | ${p.requests} | ${p.commits} |`);
  const worst = Math.max(...pulls.map((p) => p.requests));
  console.log(
    `Goal: at most ${GOALS.pullRequestRequests} requests whatever the file count (${worst <= GOALS.pullRequestRequests ? 'met' : 'missed'}).`,
  );
}
