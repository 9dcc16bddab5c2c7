// Turns one listed repository into its location snapshot: its catalog files (one fixed path from
// the listing, or a glob over the branch's tree), and the files its Location entities point at.
// Text is fetched only for files whose blob oid differs from what the store holds, plus, when the
// Location expansion must be redone, the files that declared Locations.
import { appendAll } from '../../append.js';
import picomatch from 'picomatch';
import type { LocationSnapshot, SourceFile } from '../types.js';
import type { FileReader } from './file-reader.js';
import { branchKey, fileNameInLocation, repositoryLocationKey, type FileAddress } from './location-keys.js';
import { targetsIn, type ResolvedTarget } from './location-targets.js';
import type { ResolvedSourceOptions } from './options.js';
import type { ListedRepository } from './repository-query.js';
import type { TreeReader } from './tree-reader.js';

/** What a repository's last Location expansion found, to skip it while nothing it read moved. */
export interface LocationPlan {
  /** The root catalog files and their oids. */
  roots: Map<string, string>;
  /** Every branch a target was read from, with its head commit then (undefined: unknown). */
  branches: Map<string, string | undefined>;
  /** Files (by name in the location) whose text declared Location targets. */
  declaring: Set<string>;
  /** Files reached through Locations: name, address, oid. */
  targets: { name: string; address: FileAddress; oid: string }[];
  /** Glob targets, by the branch (branchKey) they list. */
  globs: { branch: string; pattern: string }[];
}

/** The shared, per-source state a reader uses. */
export interface ReaderContext {
  options: ResolvedSourceOptions;
  files: FileReader;
  trees: TreeReader;
  plans: Map<string, LocationPlan>;
  /** Head commits of branches by branchKey, as last listed. */
  heads: Map<string, string>;
}

interface ReadOptions {
  /** Allowed to answer 'deferred' (during a listing, when later pages will tell more heads). */
  mayDefer: boolean;
  /** Branch keys whose head in `heads` was read in this same run: only those can be trusted. */
  fresh: ReadonlySet<string>;
}

type ReadOutcome =
  | { kind: 'snapshot'; snapshot: LocationSnapshot; filesRead: number }
  /** Nothing to write: every file is as the store has it (or there is none and never was). */
  | { kind: 'unchanged' }
  /** Its Locations depend on branches not listed yet: read it after the listing. */
  | { kind: 'deferred' };

const GLOB = /[*?[\]{}]/;

function repositoryHtmlBase(repoUrl: string): string {
  return repoUrl.replace(/\/[^/]+\/[^/]+\/?$/, '');
}

type RootFile = { path: string; oid: string; text?: string };
type RefusedTarget = { name: string; target: Extract<ResolvedTarget, { kind: 'outside' }> };

/** One repository being read: what it is, what the store holds, and what this read has found so far. */
interface Reading {
  ctx: ReaderContext;
  key: string;
  known: ReadonlyMap<string, string> | undefined;
  fresh: ReadonlySet<string>;
  home: { owner: string; repo: string; ref: string };
  htmlBase: string;
  files: Map<string, SourceFile>;
  filesRead: number;
  /** Location targets that would leave the repository: problems of the file that declares them. */
  refused: RefusedTarget[];
  treeFailure?: string;
  nextPlan: LocationPlan;
}

function fileUrl(reading: Reading, a: FileAddress): string {
  return `${reading.htmlBase}/${a.owner}/${a.repo}/blob/${a.ref}/${a.path}`;
}

/** The root catalog files and their oids: the fixed path from the listing, or a glob over the branch's tree. */
async function rootCatalogFiles(
  ctx: ReaderContext,
  repo: ListedRepository & { branch: NonNullable<ListedRepository['branch']> },
): Promise<{ roots: RootFile[] } | { failed: string }> {
  const roots: RootFile[] = [];
  if (GLOB.test(ctx.options.catalogPath)) {
    const tree = await ctx.trees.read(repo.owner, repo.name, repo.branch.name, repo.branch.commit);
    if (tree.kind === 'failed') return { failed: `could not list files: ${tree.error}` };
    if (tree.kind === 'found') {
      const matches = picomatch(ctx.options.catalogPath, { dot: true });
      appendAll(
        roots,
        tree.files.filter((f) => matches(f.path)),
      );
    }
  } else if (repo.catalog) {
    roots.push({
      path: ctx.options.catalogPath,
      oid: repo.catalog.oid,
      text: repo.catalog.isTruncated ? undefined : repo.catalog.text,
    });
  }
  return { roots };
}

/**
 * Whether the last Location expansion can be reused as it is (same roots, every branch it read
 * still at the head it had), or must wait for the listing to tell more heads.
 */
function judgeLastPlan(
  reading: Reading,
  plan: LocationPlan | undefined,
  roots: RootFile[],
  mayDefer: boolean,
): 'reuse' | 'expand' | 'defer' {
  const { fresh, ctx } = reading;
  const rootsSame = !!plan && plan.roots.size === roots.length && roots.every((r) => plan.roots.get(r.path) === r.oid);
  const branchesSame = !!plan && [...plan.branches].every(([b, commit]) => fresh.has(b) && ctx.heads.get(b) === commit);
  if (plan && rootsSame && !branchesSame && mayDefer && [...plan.branches.keys()].some((b) => !fresh.has(b))) {
    return 'defer';
  }
  return rootsSame && branchesSame ? 'reuse' : 'expand';
}

/** Adds a file; returns its text when it was fetched (or came with the listing). */
async function visitFile(
  reading: Reading,
  name: string,
  address: FileAddress,
  oid: string | undefined,
  text: string | undefined,
  wantText: boolean,
): Promise<string | undefined> {
  const { known, files } = reading;
  const unchanged = oid !== undefined && known?.get(name) === oid;
  if (!unchanged || wantText) {
    if (text === undefined || oid === undefined) {
      const read = await reading.ctx.files.read(address);
      if (read.kind === 'missing') return undefined;
      if (read.kind === 'failed') {
        files.set(name, { path: name, url: fileUrl(reading, address), status: 'failed', error: read.error });
        return undefined;
      }
      oid = read.oid;
      text = read.text;
    }
  }
  const stillUnchanged = known?.get(name) === oid;
  if (stillUnchanged) files.set(name, { path: name, url: fileUrl(reading, address), sha: oid!, status: 'unchanged' });
  else {
    files.set(name, {
      path: name,
      url: fileUrl(reading, address),
      sha: oid!,
      status: 'read',
      text: text!,
      named: true,
    });
    reading.filesRead += 1;
  }
  return text;
}

/** Visits the roots and the files the last expansion reached, keeping that expansion as the plan. */
async function revisitLastPlan(reading: Reading, roots: RootFile[], plan: LocationPlan): Promise<void> {
  await Promise.all([
    ...roots.map((r) => visitFile(reading, r.path, { ...reading.home, path: r.path }, r.oid, r.text, false)),
    ...plan.targets.map((t) => visitFile(reading, t.name, t.address, t.oid, undefined, false)),
  ]);
  reading.nextPlan.branches = plan.branches;
  reading.nextPlan.declaring = plan.declaring;
  reading.nextPlan.targets = plan.targets;
  reading.nextPlan.globs = plan.globs;
}

type LevelFile = { name: string; address: FileAddress; text?: string };
type NextFile = { name: string; address: FileAddress; oid?: string };

/** The files one level's texts point at (through file and glob targets), for the next level. */
async function targetsOfLevel(reading: Reading, level: LevelFile[]): Promise<NextFile[]> {
  const { ctx, fresh, home, nextPlan } = reading;
  const next: NextFile[] = [];
  for (const file of level) {
    if (file.text === undefined) continue;
    const targets = targetsIn(file.text, file.address, reading.htmlBase);
    if (targets.length) nextPlan.declaring.add(file.name);
    for (const target of targets) {
      if (target.kind === 'outside') {
        if (target.reported) reading.refused.push({ name: file.name, target });
        continue;
      }
      if (target.kind === 'file') {
        nextPlan.branches.set(branchKey(target.address.owner, target.address.repo, target.address.ref), undefined);
        next.push({ name: fileNameInLocation(home, target.address), address: target.address });
        continue;
      }
      const branch = branchKey(target.owner, target.repo, target.ref);
      nextPlan.branches.set(branch, undefined);
      nextPlan.globs.push({ branch, pattern: target.pattern });
      const tree = await ctx.trees.read(
        target.owner,
        target.repo,
        target.ref,
        fresh.has(branch) ? ctx.heads.get(branch) : undefined,
      );
      if (tree.kind === 'failed') {
        reading.treeFailure = `could not list ${target.owner}/${target.repo}@${target.ref}: ${tree.error}`;
        continue;
      }
      if (tree.kind === 'missing') continue;
      const matches = picomatch(target.pattern, { dot: true });
      for (const f of tree.files.filter((t) => matches(t.path))) {
        const address = { owner: target.owner, repo: target.repo, ref: target.ref, path: f.path };
        next.push({ name: fileNameInLocation(home, address), address, oid: f.oid });
      }
    }
  }
  return next;
}

/** Expands Locations breadth-first, fetching text where it changed or may declare targets. */
async function expandLocations(reading: Reading, roots: RootFile[], plan: LocationPlan | undefined): Promise<void> {
  const { ctx, known, fresh, home, nextPlan } = reading;
  const expandedBefore = [...(known?.keys() ?? [])].some((n) => !roots.some((r) => r.path === n));
  const mayDeclare = (name: string) => (plan ? plan.declaring.has(name) : expandedBefore);
  const seen = new Set<string>();
  let level: LevelFile[] = await Promise.all(
    roots.map(async (r) => {
      seen.add(r.path);
      const address = { ...home, path: r.path };
      return {
        name: r.path,
        address,
        text: await visitFile(reading, r.path, address, r.oid, r.text, mayDeclare(r.path)),
      };
    }),
  );
  for (let depth = 0; depth < ctx.options.maxLocationDepth && level.length; depth += 1) {
    const next = await targetsOfLevel(reading, level);
    const unseen = next.filter((n) => {
      if (seen.has(n.name)) return false;
      seen.add(n.name);
      return true;
    });
    level = await Promise.all(
      unseen.map(async (n) => ({
        name: n.name,
        address: n.address,
        text: await visitFile(reading, n.name, n.address, n.oid, undefined, n.oid === undefined || mayDeclare(n.name)),
      })),
    );
    for (const n of level) {
      const file = reading.files.get(n.name);
      if (file && file.status !== 'failed') nextPlan.targets.push({ name: n.name, address: n.address, oid: file.sha });
    }
  }
  for (const branch of nextPlan.branches.keys())
    nextPlan.branches.set(branch, fresh.has(branch) ? ctx.heads.get(branch) : undefined);
}

/** Refused Location targets become problems of the (freshly read) file that declared them. */
function reportRefusedTargets(reading: Reading): void {
  for (const { name, target } of reading.refused) {
    const file = reading.files.get(name);
    if (file?.status !== 'read') continue;
    const message = `The Location target ${target.target} ${target.reason}`;
    file.problems = [...(file.problems ?? []), { entityRef: target.entityRef, document: target.document, message }];
  }
}

/**
 * Keeps the new plan when every file was read; otherwise drops it, and every stored file not
 * reached this time is kept as failed (a file that could not be read may lead to any of them).
 */
function keepPlanOrHoldUnreached(reading: Reading): void {
  const { ctx, key, files, known } = reading;
  const anyFailed = [...files.values()].some((f) => f.status === 'failed');
  if (!anyFailed) {
    ctx.plans.set(key, reading.nextPlan);
    return;
  }
  ctx.plans.delete(key);
  for (const name of known?.keys() ?? []) {
    if (!files.has(name))
      files.set(name, {
        path: name,
        status: 'failed',
        error: 'not reached, as a file leading to it could not be read',
      });
  }
}

export async function readRepository(
  ctx: ReaderContext,
  repo: ListedRepository,
  known: ReadonlyMap<string, string> | undefined,
  options: ReadOptions,
): Promise<ReadOutcome> {
  const key = repositoryLocationKey(ctx.options.org, repo.name);
  const snapshot = (
    files: SourceFile[],
    status: LocationSnapshot['status'] = 'ok',
    error?: string,
  ): LocationSnapshot => ({
    key,
    type: 'github',
    target: repo.url,
    status,
    ...(error ? { error } : {}),
    files,
  });
  const { branch } = repo;
  if (!branch) {
    // An empty repository, or one without the configured branch: no catalog files.
    return known?.size ? { kind: 'snapshot', snapshot: snapshot([]), filesRead: 0 } : { kind: 'unchanged' };
  }

  const rootsFound = await rootCatalogFiles(ctx, { ...repo, branch });
  if ('failed' in rootsFound)
    return { kind: 'snapshot', snapshot: snapshot([], 'failed', rootsFound.failed), filesRead: 0 };
  const { roots } = rootsFound;

  const reading: Reading = {
    ctx,
    key,
    known,
    fresh: options.fresh,
    home: { owner: repo.owner, repo: repo.name, ref: branch.name },
    htmlBase: repositoryHtmlBase(repo.url),
    files: new Map(),
    filesRead: 0,
    refused: [],
    nextPlan: {
      roots: new Map(roots.map((r) => [r.path, r.oid])),
      branches: new Map(),
      declaring: new Set(),
      targets: [],
      globs: [],
    },
  };
  const plan = ctx.plans.get(key);
  const judged = judgeLastPlan(reading, plan, roots, options.mayDefer);
  if (judged === 'defer') return { kind: 'deferred' };
  if (judged === 'reuse') await revisitLastPlan(reading, roots, plan!);
  else await expandLocations(reading, roots, plan);

  reportRefusedTargets(reading);
  if (reading.treeFailure) {
    // Which files the glob would list is unknown: keep everything the repository had.
    return { kind: 'snapshot', snapshot: snapshot([], 'failed', reading.treeFailure), filesRead: 0 };
  }
  keepPlanOrHoldUnreached(reading);

  const listed = [...reading.files.values()];
  const sameNames = known !== undefined && listed.length === known.size && listed.every((f) => known.has(f.path));
  if (sameNames && listed.every((f) => f.status === 'unchanged')) return { kind: 'unchanged' };
  if (known === undefined && listed.length === 0) return { kind: 'unchanged' };
  return { kind: 'snapshot', snapshot: snapshot(listed), filesRead: reading.filesRead };
}
