// The GitHub facts of an entity: those of the repository its annotations name
// (`github.com/project-slug`, then its source and managed-by locations), as the GitHub facts
// refresh stored them. Read from the store, never from GitHub: a repository not read yet leaves
// the entity's GitHub checks unknown, and a fact GitHub would not tell (a permission the token
// lacks) stays unknown on its own.
import { entityRepositories } from '../catalog/repository-name.js';
import type { RepositoryFacts } from '../github-records.js';
import type { CatalogFactInput } from './catalog-facts.js';
import type { FactSource } from './fact-sources.js';
import type { Facts } from './facts.js';

const DAY_MS = 86_400_000;

interface RepositoryFactsLookup {
  factsOf(repositories: readonly string[]): Promise<Map<string, RepositoryFacts>>;
}

export class GitHubFactSource implements FactSource {
  readonly name = 'github';

  constructor(
    private readonly store: RepositoryFactsLookup,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async factsFor(inputs: readonly CatalogFactInput[]): Promise<ReadonlyMap<string, Facts>> {
    const named = new Map<string, string[]>();
    for (const input of inputs) {
      const repositories = entityRepositories(input.entity);
      if (repositories.length) named.set(input.ref, repositories);
    }
    const out = new Map<string, Facts>();
    if (!named.size) return out;
    const stored = await this.store.factsOf([...new Set([...named.values()].flat())]);
    const now = this.now().getTime();
    for (const [ref, repositories] of named) {
      // The first repository, in the annotations' order, that GitHub has told about.
      const found = repositories.map((r) => stored.get(r)).find((f) => f !== undefined);
      if (found) out.set(ref, repositoryFacts(found, now));
    }
    return out;
  }
}

/** The scorecard facts of one repository's stored facts; null ones are left out (unknown). */
export function repositoryFacts(stored: RepositoryFacts, now: number): Facts {
  const facts: Facts = { isArchived: stored.isArchived, licence: stored.licence };
  const known: Array<keyof RepositoryFacts> = [
    'hasReadme',
    'hasCodeowners',
    'codeownersErrorCount',
    'defaultBranchProtected',
    'defaultBranchCheckStatus',
    'dependabotAlerts',
  ];
  for (const name of known) if (stored[name] !== null && stored[name] !== undefined) facts[name] = stored[name];
  if (stored.pushedAt) facts.daysSinceLastPush = Math.max(0, Math.floor((now - Date.parse(stored.pushedAt)) / DAY_MS));
  return facts;
}
