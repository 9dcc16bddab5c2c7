// Issue 22's GitHub facts figure: what a full refresh of scorecards' GitHub facts costs in GraphQL
// rate-limit points per 1,000 repositories (GitHub's own `rateLimit { cost }`, as the fake GitHub
// charges it by GitHub's published arithmetic), with its wall time against a fake GitHub answering
// after 50 ms, a second refresh with nothing changed, and one repository refreshed after a webhook.
// Printed, not asserted.
import { createGitHubConnection } from '../src/sources/github/index.js';
import { openStores } from '../src/store/index.js';
import { GitHubFactsRefresh } from '../src/sync/github/github-facts-refresh.js';
import { addAlert, protectBranch, setHeadChecks, startFakeGitHub } from '../test/support/fake-github.js';
import { FakeOrganisation } from '../test/support/fake-github.js';

const LATENCY_MS = 50;
const SIZES = (process.env.BENCH_FACTS_SIZES ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

export async function run(): Promise<void> {
  console.log(
    `fake GitHub answering after ${LATENCY_MS} ms; goal: full refresh <= 30 GraphQL points per 1,000 repositories`,
  );
  for (const size of SIZES) await measure(size);
}

async function measure(size: number): Promise<void> {
  const org = new FakeOrganisation('bench-org');
  const names: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const repo = org.addRepository({
      name: `service-${i}`,
      files: {
        'README.md': '# service',
        '.github/CODEOWNERS': i % 7 ? '* @bench-org/team-a\n' : '* @bench-org/ghost\n',
      },
    });
    if (i % 2) protectBranch(repo, 1);
    setHeadChecks(org, repo, i % 5 ? 'SUCCESS' : 'FAILURE');
    if (i % 11 === 0) addAlert(repo, 'CRITICAL');
    names.push(`bench-org/service-${i}`);
  }
  org.addTeam({ slug: 'team-a' });
  const github = await startFakeGitHub({ org, latencyMs: LATENCY_MS, limits: { graphql: 1_000_000 } });
  const stores = await openStores();
  try {
    const connection = await createGitHubConnection({ org: org.login, token: github.token, apiUrl: github.url });
    const target = {
      save: (facts: Parameters<typeof stores.repositoryFacts.save>[0], gone: string[]) =>
        stores.repositoryFacts.save(facts, gone),
      namedByCatalog: async () => names,
    };
    const refresh = new GitHubFactsRefresh({ connection, target });
    let started = performance.now();
    const full = await refresh.refreshAll();
    const fullSeconds = (performance.now() - started) / 1000;
    const perThousand = (full.points / size) * 1000;
    console.log(
      `${size.toLocaleString('en')} repositories, full refresh: ${full.queries} GraphQL queries, ` +
        `${full.points} points (rateLimit.cost) = ${perThousand.toFixed(1)} points per 1,000 repositories; ` +
        `${fullSeconds.toFixed(1)} s; ${full.changed.length.toLocaleString('en')} repositories' facts stored`,
    );
    started = performance.now();
    const again = await refresh.refreshAll();
    console.log(
      `  again, nothing changed: ${again.points} points, ${again.changed.length} changed, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    setHeadChecks(org, org.requireRepository('service-1'), 'FAILURE');
    started = performance.now();
    const one = await refresh.refresh(['bench-org/service-1']);
    console.log(
      `  one repository after a webhook: ${one.points} point, ${one.changed.length} changed, ` +
        `${(performance.now() - started).toFixed(0)} ms`,
    );
  } finally {
    await stores.close();
    await github.close();
  }
}
