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

export async function readRepository(
  ctx: ReaderContext,
  repo: ListedRepository,
  known: ReadonlyMap<string, string> | undefined,
  options: ReadOptions,
): Promise<ReadOutcome> {
  const { fresh } = options;
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
  if (!repo.branch) {
    // An empty repository, or one without the configured branch: no catalog files.
    return known?.size ? { kind: 'snapshot', snapshot: snapshot([]), filesRead: 0 } : { kind: 'unchanged' };
  }
  const home = { owner: repo.owner, repo: repo.name, ref: repo.branch.name };
  const htmlBase = repositoryHtmlBase(repo.url);
  const urlOf = (a: FileAddress) => `${htmlBase}/${a.owner}/${a.repo}/blob/${a.ref}/${a.path}`;

  // 1. The root catalog files and their oids.
  const roots: { path: string; oid: string; text?: string }[] = [];
  if (GLOB.test(ctx.options.catalogPath)) {
    const tree = await ctx.trees.read(repo.owner, repo.name, repo.branch.name, repo.branch.commit);
    if (tree.kind === 'failed')
      return {
        kind: 'snapshot',
        snapshot: snapshot([], 'failed', `could not list files: ${tree.error}`),
        filesRead: 0,
      };
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

  // 2. Can the last Location expansion be trusted as it is?
  const plan = ctx.plans.get(key);
  const rootsSame = !!plan && plan.roots.size === roots.length && roots.every((r) => plan.roots.get(r.path) === r.oid);
  const branchesSame = !!plan && [...plan.branches].every(([b, commit]) => fresh.has(b) && ctx.heads.get(b) === commit);
  if (plan && rootsSame && !branchesSame && options.mayDefer && [...plan.branches.keys()].some((b) => !fresh.has(b))) {
    return { kind: 'deferred' };
  }
  const reuse = rootsSame && branchesSame;
  const knownNames = new Set(known?.keys() ?? []);
  const expandedBefore = [...knownNames].some((n) => !roots.some((r) => r.path === n));

  const files = new Map<string, SourceFile>();
  let filesRead = 0;
  let treeFailure: string | undefined;
  /** Location targets that would leave the repository: problems of the file that declares them. */
  const refused: { name: string; target: Extract<ResolvedTarget, { kind: 'outside' }> }[] = [];
  const nextPlan: LocationPlan = {
    roots: new Map(roots.map((r) => [r.path, r.oid])),
    branches: new Map(),
    declaring: new Set(),
    targets: [],
    globs: [],
  };

  /** Adds a file; returns its text when it was fetched (or came with the listing). */
  const visit = async (
    name: string,
    address: FileAddress,
    oid: string | undefined,
    text: string | undefined,
    wantText: boolean,
  ): Promise<string | undefined> => {
    const unchanged = oid !== undefined && known?.get(name) === oid;
    if (!unchanged || wantText) {
      if (text === undefined || oid === undefined) {
        const read = await ctx.files.read(address);
        if (read.kind === 'missing') return undefined;
        if (read.kind === 'failed') {
          files.set(name, { path: name, url: urlOf(address), status: 'failed', error: read.error });
          return undefined;
        }
        oid = read.oid;
        text = read.text;
      }
    }
    const stillUnchanged = known?.get(name) === oid;
    if (stillUnchanged) files.set(name, { path: name, url: urlOf(address), sha: oid!, status: 'unchanged' });
    else {
      files.set(name, { path: name, url: urlOf(address), sha: oid!, status: 'read', text: text!, named: true });
      filesRead += 1;
    }
    return text;
  };

  if (reuse) {
    await Promise.all([
      ...roots.map((r) => visit(r.path, { ...home, path: r.path }, r.oid, r.text, false)),
      ...plan!.targets.map((t) => visit(t.name, t.address, t.oid, undefined, false)),
    ]);
    nextPlan.branches = plan!.branches;
    nextPlan.declaring = plan!.declaring;
    nextPlan.targets = plan!.targets;
    nextPlan.globs = plan!.globs;
  } else {
    // 3. Expand Locations breadth-first, fetching text where it changed or may declare targets.
    const mayDeclare = (name: string) => (plan ? plan.declaring.has(name) : expandedBefore);
    let level: { name: string; address: FileAddress; text?: string }[] = [];
    const seen = new Set<string>();
    const rootTexts = await Promise.all(
      roots.map(async (r) => {
        seen.add(r.path);
        const address = { ...home, path: r.path };
        return { name: r.path, address, text: await visit(r.path, address, r.oid, r.text, mayDeclare(r.path)) };
      }),
    );
    level = rootTexts;
    for (let depth = 0; depth < ctx.options.maxLocationDepth && level.length; depth += 1) {
      const next: { name: string; address: FileAddress; oid?: string }[] = [];
      for (const file of level) {
        if (file.text === undefined) continue;
        const targets = targetsIn(file.text, file.address, htmlBase);
        if (targets.length) nextPlan.declaring.add(file.name);
        for (const target of targets) {
          if (target.kind === 'outside') {
            if (target.reported) refused.push({ name: file.name, target });
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
            treeFailure = `could not list ${target.owner}/${target.repo}@${target.ref}: ${tree.error}`;
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
      const unseen = next.filter((n) => {
        if (seen.has(n.name)) return false;
        seen.add(n.name);
        return true;
      });
      level = await Promise.all(
        unseen.map(async (n) => ({
          name: n.name,
          address: n.address,
          text: await visit(n.name, n.address, n.oid, undefined, n.oid === undefined || mayDeclare(n.name)),
        })),
      );
      for (const n of level) {
        const file = files.get(n.name);
        if (file && file.status !== 'failed')
          nextPlan.targets.push({ name: n.name, address: n.address, oid: file.sha });
      }
    }
    for (const branch of nextPlan.branches.keys())
      nextPlan.branches.set(branch, fresh.has(branch) ? ctx.heads.get(branch) : undefined);
  }

  for (const { name, target } of refused) {
    const file = files.get(name);
    if (file?.status !== 'read') continue;
    const message = `The Location target ${target.target} ${target.reason}`;
    file.problems = [...(file.problems ?? []), { entityRef: target.entityRef, document: target.document, message }];
  }

  if (treeFailure) {
    // Which files the glob would list is unknown: keep everything the repository had.
    return { kind: 'snapshot', snapshot: snapshot([], 'failed', treeFailure), filesRead: 0 };
  }
  const anyFailed = [...files.values()].some((f) => f.status === 'failed');
  if (!anyFailed) ctx.plans.set(key, nextPlan);
  else {
    ctx.plans.delete(key);
    // A file that could not be read may lead (through its Locations) to any stored file not
    // reached this time: none of them is known to be gone, so each keeps what it declared.
    for (const name of known?.keys() ?? []) {
      if (!files.has(name))
        files.set(name, {
          path: name,
          status: 'failed',
          error: 'not reached, as a file leading to it could not be read',
        });
    }
  }

  const listed = [...files.values()];
  const sameNames = known !== undefined && listed.length === known.size && listed.every((f) => known.has(f.path));
  if (sameNames && listed.every((f) => f.status === 'unchanged')) return { kind: 'unchanged' };
  if (known === undefined && listed.length === 0) return { kind: 'unchanged' };
  return { kind: 'snapshot', snapshot: snapshot(listed), filesRead };
}
