// The GitHub source: discovers every repository of the organisation and hands sync one snapshot
// per repository that changed, page by page, plus the organisation's teams and people. It reads
// only; what the store holds comes in as the files' known blob oids.
import { appendAll } from '../../append.js';
import picomatch from 'picomatch';
import type { LocationSnapshot } from '../types.js';
import type { GitHubConnection, GraphQLAnswer } from './connection.js';
import type { ApiUsage } from './api-counters.js';
import { FileReader } from './file-reader.js';
import { TreeReader } from './tree-reader.js';
import {
  branchKey,
  organisationLocationKey,
  repositoryKeyPrefix,
  repositoryLocationKey,
  repositoryOfKey,
} from './location-keys.js';
import { resolveSourceOptions, type GitHubSourceOptions, type ResolvedSourceOptions } from './options.js';
import { exclusionReason, needsTopics } from './repository-filter.js';
import { RepositoryListing, describeError } from './repository-listing.js';
import {
  REPOSITORY_QUERY,
  queryShape,
  toListedRepository,
  type ListedRepository,
  type RepositoryAnswer,
} from './repository-query.js';
import { readRepository, type LocationPlan, type ReaderContext } from './repository-reader.js';
import { readOrganisation } from './organisation-reader.js';
import { readCodeOwners, type CodeOwnersOptions } from './code-owners-reader.js';

/** The store's view: file blob oids by path, per location key. A key absent: the store has no such location. */
export type KnownFiles = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Stored repositories the listing did not show, asked about at once (each a REST call). */
const CONFIRMATIONS_AT_ONCE = 8;

export interface DiscoveryReport {
  /** The listing reached its last page (only then are missing repositories looked into). */
  complete: boolean;
  /** Why the listing stopped early. */
  error?: string;
  repositoriesSeen: number;
  repositoriesIncluded: number;
  /** Repositories handed to sync with something to write (read, removed or gone files). */
  repositoriesChanged: number;
  repositoriesFailed: number;
  repositoriesGone: number;
  /** Files handed to sync with their text (to be parsed). */
  filesRead: number;
  /** What this discovery spent of GitHub's budgets. */
  usage: ApiUsage;
  /** Every snapshot, when no `onSnapshots` took them page by page. */
  snapshots: LocationSnapshot[];
}

export interface DiscoverOptions {
  /** Receives each page's snapshots; the next page is listed while it runs. Without it they are collected in the report. */
  onSnapshots?: (snapshots: LocationSnapshot[]) => Promise<void>;
  /** Why reading must stop now (the run's time is up, GitHub keeps failing), or undefined to go on. */
  overBudget?: () => string | undefined;
  /** Repositories' CODEOWNERS files: what the store holds, and where to hand what changed. */
  codeOwners?: CodeOwnersOptions;
  /** After each listing page. */
  onProgress?: (progress: {
    repositoriesSeen: number;
    repositoriesTotal: number;
    pages: number;
    pageSize: number;
  }) => void;
}

export class GitHubSource {
  readonly options: ResolvedSourceOptions;
  private readonly context: ReaderContext;
  private readonly listing: RepositoryListing;

  constructor(
    readonly connection: GitHubConnection,
    options: GitHubSourceOptions,
  ) {
    this.options = resolveSourceOptions(options);
    this.context = {
      options: this.options,
      files: new FileReader(connection, this.options.filesPerQuery),
      trees: new TreeReader(connection),
      plans: new Map<string, LocationPlan>(),
      heads: new Map(),
    };
    this.listing = new RepositoryListing(connection, this.options);
  }

  get org(): string {
    return this.options.org;
  }

  /** Lists every repository and hands over, page by page, the snapshots of those that changed. */
  async discover(known: KnownFiles, options: DiscoverOptions = {}): Promise<DiscoveryReport> {
    const before = this.connection.counters.read();
    const report: DiscoveryReport = {
      complete: false,
      repositoriesSeen: 0,
      repositoriesIncluded: 0,
      repositoriesChanged: 0,
      repositoriesFailed: 0,
      repositoriesGone: 0,
      filesRead: 0,
      usage: before,
      snapshots: [],
    };
    const onSnapshots =
      options.onSnapshots ??
      (async (snapshots: LocationSnapshot[]) => {
        appendAll(report.snapshots, snapshots);
      });
    const fresh = new Set<string>();
    const prefix = repositoryKeyPrefix(this.org);
    const knownKeys = [...known.keys()].filter((k) => k.startsWith(prefix));
    const listedKeys = new Set<string>();
    const deferred: ListedRepository[] = [];
    const glob = /[*?[\]{}]/.test(this.options.catalogPath);
    // With nothing stored yet every file is new: ask for text in the listing itself.
    let withText = knownKeys.length === 0;
    let handing: Promise<void> = Promise.resolve();
    const hand = async (snapshots: LocationSnapshot[]) => {
      await handing;
      if (!snapshots.length) return;
      handing = onSnapshots(snapshots);
      // Awaited before the next hand-over; until then a failure must not count as unhandled.
      handing.catch(() => {});
    };
    const tally = (snapshot: LocationSnapshot, filesRead: number) => {
      report.filesRead += filesRead;
      if (snapshot.status === 'failed' || snapshot.files.some((f) => f.status === 'failed'))
        report.repositoriesFailed += 1;
      else if (snapshot.status === 'gone') report.repositoriesGone += 1;
      else report.repositoriesChanged += 1;
    };

    let cursor: string | null = null;
    let pages = 0;
    try {
      for (;;) {
        const stop = options.overBudget?.();
        if (stop) throw new Error(stop);
        const shape = queryShape({
          catalogPath: this.options.catalogPath,
          branch: this.options.branch,
          glob,
          topics: needsTopics(this.options.filters),
          text: withText,
        });
        const page = await this.listing.page(cursor, shape);
        pages += 1;
        report.repositoriesSeen += page.repositories.length;
        for (const repo of page.repositories) for (const key of this.rememberHead(repo)) fresh.add(key);
        const snapshots: LocationSnapshot[] = [];
        const included: { key: string; repo: ListedRepository }[] = [];
        let changedFiles = 0;
        let catalogFiles = 0;
        await Promise.all(
          page.repositories.map(async (repo) => {
            const key = repositoryLocationKey(this.org, repo.name);
            const excluded = exclusionReason(repo, this.options.filters);
            if (excluded) {
              if (known.has(key))
                snapshots.push(this.gone(key, repo.url, `the repository is now left out: ${excluded}`));
              return;
            }
            report.repositoriesIncluded += 1;
            listedKeys.add(key);
            included.push({ key, repo });
            if (repo.catalog) {
              catalogFiles += 1;
              if (known.get(key)?.get(this.options.catalogPath) !== repo.catalog.oid) changedFiles += 1;
            }
            const outcome = await readRepository(this.context, repo, known.get(key), { mayDefer: true, fresh });
            if (outcome.kind === 'deferred') deferred.push(repo);
            else if (outcome.kind === 'snapshot') snapshots.push(outcome.snapshot);
          }),
        );
        for (const s of snapshots) tally(s, s.files.filter((f) => f.status === 'read').length);
        await hand(snapshots);
        if (options.codeOwners) {
          const { known: knownOwners, onChange } = options.codeOwners;
          await onChange(await readCodeOwners(this.context.trees, included, knownOwners));
        }
        options.onProgress?.({
          repositoriesSeen: report.repositoriesSeen,
          repositoriesTotal: page.totalCount,
          pages,
          pageSize: this.listing.pageSize.size,
        });
        // Text rides along in the listing only while most files keep changing (a first sync).
        if (catalogFiles > 0) withText = changedFiles / catalogFiles > 0.5;
        if (!page.hasNextPage) {
          // Fewer repositories than GitHub counts: the listing ended early, so none it missed is gone.
          if (report.repositoriesSeen < page.totalCount)
            throw new Error(
              `GitHub listed ${report.repositoriesSeen} of the organisation's ${page.totalCount} repositories; the listing was cut short`,
            );
          break;
        }
        cursor = page.endCursor;
      }
      report.complete = true;
    } catch (error) {
      report.error = describeError(error);
    }

    const last: LocationSnapshot[] = [];
    await Promise.all(
      deferred.map(async (repo) => {
        const outcome = await readRepository(
          this.context,
          repo,
          known.get(repositoryLocationKey(this.org, repo.name)),
          { mayDefer: false, fresh },
        );
        if (outcome.kind === 'snapshot') last.push(outcome.snapshot);
      }),
    );
    if (report.complete) {
      const missing = knownKeys.filter((k) => !listedKeys.has(k) && !last.some((s) => s.key === k));
      // A few at a time, and not past the run's budget: unconfirmed ones simply stay.
      for (let i = 0; i < missing.length; i += CONFIRMATIONS_AT_ONCE) {
        const stop = options.overBudget?.();
        if (stop) {
          report.complete = false;
          report.error = stop;
          break;
        }
        const gone = await Promise.all(missing.slice(i, i + CONFIRMATIONS_AT_ONCE).map((key) => this.confirmGone(key)));
        last.push(...gone.filter((s): s is LocationSnapshot => s !== undefined));
      }
    }
    for (const s of last) tally(s, s.files.filter((f) => f.status === 'read').length);
    await hand(last);
    await handing;
    report.usage = this.connection.counters.since(before);
    return report;
  }

  /**
   * Reads one repository now (a webhook said it changed). Undefined when nothing is to be written.
   * A repository that no longer exists, or that the filters now leave out, is 'gone'. With
   * `codeOwners`, its CODEOWNERS file and file list are read again too (a push changed them): from
   * the same answer, plus one tree read when they moved.
   */
  async readRepository(
    name: string,
    known: KnownFiles,
    codeOwners?: CodeOwnersOptions,
  ): Promise<LocationSnapshot | undefined> {
    const key = repositoryLocationKey(this.org, name);
    const glob = /[*?[\]{}]/.test(this.options.catalogPath);
    const shape = queryShape({
      catalogPath: this.options.catalogPath,
      branch: this.options.branch,
      glob,
      topics: needsTopics(this.options.filters),
      text: false,
    });
    let answer: GraphQLAnswer<RepositoryAnswer>;
    try {
      answer = await this.connection.graphql<RepositoryAnswer>(REPOSITORY_QUERY, { owner: this.org, name, ...shape });
    } catch (error) {
      return { key, type: 'github', target: name, status: 'failed', error: describeError(error), files: [] };
    }
    const raw = answer.data.repository;
    // Gone, moved or left out: its CODEOWNERS no longer answers for it here.
    const forgetOwners = async () => {
      if (codeOwners?.known.has(key)) await codeOwners.onChange({ changed: [], removed: [key] });
    };
    if (!raw) {
      if (answer.errors.some((e) => e.type === 'NOT_FOUND')) {
        await forgetOwners();
        return known.has(key) ? this.gone(key, name, 'the repository no longer exists') : undefined;
      }
      return {
        key,
        type: 'github',
        target: name,
        status: 'failed',
        error: answer.errors[0]?.message ?? 'GitHub did not answer',
        files: [],
      };
    }
    const repo = toListedRepository(this.org, raw, this.options.branch);
    if (repo.name !== name || repo.owner.toLowerCase() !== this.org.toLowerCase()) {
      // GitHub followed a rename or a transfer: the old name is gone; the new one is read by its own name.
      await forgetOwners();
      return known.has(key) ? this.gone(key, name, `the repository is now ${repo.owner}/${repo.name}`) : undefined;
    }
    // Only this repository's head is known to be current: other branches its Locations read are re-checked.
    const fresh = new Set(this.rememberHead(repo));
    const excluded = exclusionReason(repo, this.options.filters);
    if (excluded) {
      await forgetOwners();
      return known.has(key) ? this.gone(key, repo.url, `the repository is now left out: ${excluded}`) : undefined;
    }
    if (codeOwners)
      await codeOwners.onChange(await readCodeOwners(this.context.trees, [{ key, repo }], codeOwners.known));
    const outcome = await readRepository(this.context, repo, known.get(key), { mayDefer: false, fresh });
    return outcome.kind === 'snapshot' ? outcome.snapshot : undefined;
  }

  /** The organisation's teams and people as one location; undefined when nothing changed. */
  readOrganisation(known: KnownFiles): Promise<LocationSnapshot | undefined> {
    return readOrganisation(this.connection, this.org, known.get(organisationLocationKey(this.org)));
  }

  /**
   * Repositories of the organisation whose Location entities read files of this branch: those
   * that read one of `paths` (or a glob matching one), or every one reading the branch when the
   * paths are not known.
   */
  dependents(owner: string, repo: string, branch: string, paths?: string[]): string[] {
    const wanted = branchKey(owner, repo, branch);
    const out: string[] = [];
    for (const [key, plan] of this.context.plans) {
      const name = repositoryOfKey(this.org, key);
      if (!name || !plan.branches.has(wanted)) continue;
      const reads =
        !paths ||
        plan.targets.some(
          (t) => branchKey(t.address.owner, t.address.repo, t.address.ref) === wanted && paths.includes(t.address.path),
        ) ||
        plan.globs.some((g) => {
          const matches = picomatch(g.pattern, { dot: true });
          return g.branch === wanted && paths.some((p) => matches(p));
        });
      if (reads) out.push(name);
    }
    return out;
  }

  /** Records the head commit of the branch read; returns the branch keys it is known by. */
  private rememberHead(repo: ListedRepository): string[] {
    if (!repo.branch?.commit) return [];
    const keys = [branchKey(repo.owner, repo.name, repo.branch.name)];
    if (!this.options.branch) keys.push(branchKey(repo.owner, repo.name, 'HEAD'));
    for (const k of keys) this.context.heads.set(k, repo.branch.commit);
    return keys;
  }

  private gone(key: string, target: string, error: string): LocationSnapshot {
    this.context.plans.delete(key);
    return { key, type: 'github', target, status: 'gone', error, files: [] };
  }

  /** A stored repository the complete listing did not show: gone only when GitHub says so. */
  private async confirmGone(key: string): Promise<LocationSnapshot | undefined> {
    const name = repositoryOfKey(this.org, key);
    if (!name) return undefined;
    try {
      const { data } = await this.connection.octokit.rest.repos.get({ owner: this.org, repo: name });
      if (data.full_name.toLowerCase() !== `${this.org}/${name}`.toLowerCase()) {
        return this.gone(key, name, `the repository is now ${data.full_name}`);
      }
      return undefined;
    } catch (error) {
      // Anything but a clear 404 (a timeout, a 5xx) proves nothing: the entities stay.
      if ((error as { status?: number }).status === 404) return this.gone(key, name, 'the repository no longer exists');
      return undefined;
    }
  }
}
