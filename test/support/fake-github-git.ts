// The write side of the fake GitHub that publish:github uses: creating repositories (with or
// without auto_init), the git data API (blobs, trees, commits, refs) with GitHub's 409 on a
// repository that has no commit yet, topics, team and collaborator access, branch protection,
// repository edits and deletion. It plugs into a FakeGitHub through addRoute and keeps the
// objects it was given, so tests can read what a repository's history really is.
//
//   const github = await startFakeGitHub({ org: 'acme' });
//   const git = addGitWrites(github);
//   ... git.history('payments-api') -> [{ sha, parents: [], files: Map }]
import { createHash } from 'node:crypto';
import type { FakeGitHub } from './fake-github.js';
import { gitBlobOid, type FakeRepository } from './fake-github/organisation.js';
import { repositoryJson, type Bases } from './fake-github/rest-json.js';
import type { RestRequest, RestResponse } from './fake-github/rest-routes.js';

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author?: { name?: string; email?: string };
}

export interface FakeTreeEntry {
  path: string;
  mode: string;
  sha: string;
}

export interface CommitWithFiles extends FakeCommit {
  files: Map<string, Buffer>;
}

const DOCS = 'https://docs.github.com/rest';
const EMPTY = (): RestResponse => ({
  status: 409,
  body: { message: 'Git Repository is empty.', documentation_url: DOCS },
});
const invalid = (message: string, errors?: unknown[]): RestResponse => ({
  status: 422,
  body: { message, ...(errors ? { errors } : {}), documentation_url: DOCS },
});
const missing = (message = 'Not Found'): RestResponse => ({ status: 404, body: { message, documentation_url: DOCS } });

function sha1(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex');
}

export interface FakePullRequest {
  repo: string;
  number: number;
  title: string;
  body?: string;
  head: string;
  base: string;
  draft: boolean;
  reviewers: string[];
  teamReviewers: string[];
}

export class FakeGitWrites {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, FakeTreeEntry[]>();
  readonly commits = new Map<string, FakeCommit>();
  /** repo (lower-case) -> team slug -> permission */
  readonly teamAccess = new Map<string, Map<string, string>>();
  /** repo (lower-case) -> login -> permission */
  readonly collaborators = new Map<string, Map<string, string>>();
  /** `repo@branch` (lower-case repo) -> the protection GitHub was sent */
  readonly protection = new Map<string, Record<string, unknown>>();
  /** Workflow runs started with workflow_dispatch, in order. */
  readonly dispatches: Array<{ repo: string; workflow: string; ref: string; inputs: Record<string, unknown> }> = [];
  /** Pull requests opened through the API, in order. */
  readonly pulls: FakePullRequest[] = [];
  /** Repositories created through the API, in order. */
  readonly created: string[] = [];
  /** Repositories deleted through the API, in order. */
  readonly deleted: string[] = [];
  private readonly bases: Bases;

  constructor(private readonly github: FakeGitHub) {
    this.bases = { api: github.url, html: github.htmlBase };
  }

  /** The commits reachable from a branch (default: the default branch), newest first, with their files. */
  history(repoName: string, branchName?: string): CommitWithFiles[] {
    const repo = this.github.org.requireRepository(repoName);
    const head = repo.branches.get(branchName ?? repo.defaultBranch)?.commit;
    const out: CommitWithFiles[] = [];
    const queue = head ? [head] : [];
    const seen = new Set<string>();
    while (queue.length) {
      const sha = queue.shift()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const commit = this.commits.get(sha);
      if (!commit) continue;
      out.push({ ...commit, files: this.filesOf(commit.tree) });
      queue.push(...commit.parents);
    }
    return out;
  }

  filesOf(treeSha: string): Map<string, Buffer> {
    return new Map((this.trees.get(treeSha) ?? []).map((e) => [e.path, this.blobs.get(e.sha) ?? Buffer.alloc(0)]));
  }

  teamPermission(repo: string, team: string): string | undefined {
    return this.teamAccess.get(repo.toLowerCase())?.get(team);
  }

  branchProtection(repo: string, branch: string): Record<string, unknown> | undefined {
    return this.protection.get(`${repo.toLowerCase()}@${branch}`);
  }

  // --- objects ---------------------------------------------------------------------------

  private putBlob(content: Buffer): string {
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.blobs.set(sha, content);
    return sha;
  }

  private putTree(entries: FakeTreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => a.path.localeCompare(b.path));
    const sha = sha1(`tree\n${sorted.map((e) => `${e.mode} ${e.path} ${e.sha}`).join('\n')}`);
    this.trees.set(sha, sorted);
    return sha;
  }

  /** Records a branch's current files as a root commit (for repositories made by the org helpers). */
  private adoptBranch(repo: FakeRepository, branchName: string): void {
    const branch = repo.branches.get(branchName);
    if (!branch || this.commits.has(branch.commit)) return;
    const tree = this.putTree(
      [...branch.files].map(([path, text]) => ({ path, mode: '100644', sha: this.putBlob(Buffer.from(text, 'utf8')) })),
    );
    this.commits.set(branch.commit, { sha: branch.commit, tree, parents: [], message: 'Initial commit' });
  }

  private moveBranch(repo: FakeRepository, branchName: string, commitSha: string): void {
    const commit = this.commits.get(commitSha)!;
    const files = new Map([...this.filesOf(commit.tree)].map(([path, content]) => [path, content.toString('utf8')]));
    repo.branches.set(branchName, { name: branchName, files, commit: commitSha });
    repo.pushedAt = new Date();
  }

  // --- routes ------------------------------------------------------------------------------

  install(): this {
    const org = this.github.org;
    const ours = (owner: string) => owner.toLowerCase() === org.login.toLowerCase();
    const withRepo = (params: Record<string, string>, handle: (repo: FakeRepository) => RestResponse): RestResponse => {
      const repo = ours(params.owner) ? org.repository(params.repo) : undefined;
      return repo ? handle(repo) : missing();
    };
    const notEmpty = (repo: FakeRepository, handle: () => RestResponse): RestResponse =>
      repo.branches.size ? handle() : EMPTY();
    const add = (name: string, handle: (request: RestRequest) => RestResponse) => this.github.addRoute(name, handle);
    const body = (request: RestRequest) => (request.body ?? {}) as Record<string, any>;

    add('POST /orgs/{org}/repos', (request) => {
      if (!ours(request.params.org)) return missing();
      const b = body(request);
      if (typeof b.name !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(b.name)) {
        return invalid('Repository creation failed.', [
          { resource: 'Repository', code: 'custom', field: 'name', message: 'name is invalid' },
        ]);
      }
      if (org.repository(b.name)) {
        return invalid('Repository creation failed.', [
          { resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' },
        ]);
      }
      const visibility = b.visibility ?? (b.private === false ? 'public' : 'private');
      // GitHub offers internal repositories to organisations in an enterprise account only.
      if (visibility === 'internal' && org.plan && org.plan !== 'enterprise') {
        return invalid('Repository creation failed.', [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'visibility',
            message: 'visibility can only be internal for organizations in an enterprise',
          },
        ]);
      }
      const repo = org.addRepository({
        name: b.name,
        description: b.description ?? undefined,
        visibility,
        defaultBranch: 'main',
        files: b.auto_init ? { 'README.md': `# ${b.name}\n` } : {},
      });
      // Created through the API: GitHub stamps the time of the request, not the fixture clock.
      repo.createdAt = new Date();
      repo.pushedAt = repo.createdAt;
      if (b.auto_init) this.adoptBranch(repo, 'main');
      else repo.branches.clear();
      this.created.push(repo.name);
      return { status: 201, body: repositoryJson(this.bases, org, repo) };
    });

    add('PATCH /repos/{owner}/{repo}', (request) =>
      withRepo(request.params, (repo) => {
        const b = body(request);
        if (typeof b.default_branch === 'string') {
          if (!repo.branches.has(b.default_branch))
            return invalid('Validation Failed', [{ resource: 'Repository', field: 'default_branch', code: 'invalid' }]);
          repo.defaultBranch = b.default_branch;
        }
        if (typeof b.description === 'string') repo.description = b.description;
        return { status: 200, body: repositoryJson(this.bases, org, repo) };
      }),
    );

    add('DELETE /repos/{owner}/{repo}', (request) =>
      withRepo(request.params, (repo) => {
        org.deleteRepository(repo.name);
        this.deleted.push(repo.name);
        return { status: 204 };
      }),
    );

    add('POST /repos/{owner}/{repo}/git/blobs', (request) =>
      withRepo(request.params, (repo) =>
        notEmpty(repo, () => {
          const b = body(request);
          if (typeof b.content !== 'string') return invalid('Invalid request.\n\n"content" wasn\'t supplied.');
          const content = Buffer.from(b.content, b.encoding === 'base64' ? 'base64' : 'utf8');
          const sha = this.putBlob(content);
          return {
            status: 201,
            body: { sha, url: `${this.bases.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` },
          };
        }),
      ),
    );

    add('POST /repos/{owner}/{repo}/git/trees', (request) =>
      withRepo(request.params, (repo) =>
        notEmpty(repo, () => {
          const b = body(request);
          if (!Array.isArray(b.tree)) return invalid('Invalid tree info');
          const entries = new Map<string, FakeTreeEntry>();
          if (typeof b.base_tree === 'string') {
            const base = this.trees.get(b.base_tree);
            if (!base) return invalid('base_tree is not a valid tree oid');
            for (const e of base) entries.set(e.path, e);
          }
          for (const item of b.tree as Array<Record<string, any>>) {
            const path = String(item.path ?? '');
            if (
              !path ||
              path.startsWith('/') ||
              path.endsWith('/') ||
              path.split('/').some((p) => p === '..' || p === '.' || p === '' || p.toLowerCase() === '.git')
            ) {
              return invalid('GitTree::MalformedPath', [`tree.path contains a malformed path component: ${path}`]);
            }
            if (item.sha === null) {
              entries.delete(path);
              continue;
            }
            let sha: string;
            if (typeof item.content === 'string') sha = this.putBlob(Buffer.from(item.content, 'utf8'));
            else if (typeof item.sha === 'string' && this.blobs.has(item.sha)) sha = item.sha;
            else return invalid('GitRPC::BadObjectState', [`tree.sha ${String(item.sha)} is not a valid blob`]);
            entries.set(path, { path, mode: String(item.mode ?? '100644'), sha });
          }
          const sha = this.putTree([...entries.values()]);
          const api = `${this.bases.api}/repos/${repo.owner}/${repo.name}/git`;
          return {
            status: 201,
            body: {
              sha,
              url: `${api}/trees/${sha}`,
              truncated: false,
              tree: this.trees.get(sha)!.map((e) => ({
                ...e,
                type: 'blob',
                size: this.blobs.get(e.sha)?.length ?? 0,
                url: `${api}/blobs/${e.sha}`,
              })),
            },
          };
        }),
      ),
    );

    add('POST /repos/{owner}/{repo}/git/commits', (request) =>
      withRepo(request.params, (repo) =>
        notEmpty(repo, () => {
          const b = body(request);
          if (typeof b.tree !== 'string' || !this.trees.has(b.tree)) return invalid('Tree SHA does not exist');
          const parents = Array.isArray(b.parents) ? b.parents.map(String) : [];
          if (parents.some((p) => !this.commits.has(p)))
            return invalid('Parent SHA does not exist or is not a commit object');
          const sha = sha1(`commit ${b.tree} ${parents.join(',')} ${String(b.message)} ${this.commits.size}`);
          this.commits.set(sha, { sha, tree: b.tree, parents, message: String(b.message ?? ''), author: b.author });
          return {
            status: 201,
            body: {
              sha,
              tree: { sha: b.tree },
              parents: parents.map((p) => ({ sha: p })),
              message: b.message,
              html_url: `${this.bases.html}/${repo.owner}/${repo.name}/commit/${sha}`,
            },
          };
        }),
      ),
    );

    add('PATCH /repos/{owner}/{repo}/git/refs/{ref+}', (request) =>
      withRepo(request.params, (repo) => {
        const b = body(request);
        const name = request.params.ref.replace(/^refs\//, '').replace(/^heads\//, '');
        const branch = repo.branches.get(name);
        if (!branch) return invalid('Reference does not exist');
        if (typeof b.sha !== 'string' || !this.commits.has(b.sha)) return invalid('Object does not exist');
        if (!b.force && !this.reaches(b.sha, branch.commit)) return invalid('Update is not a fast forward');
        this.moveBranch(repo, name, b.sha);
        return { status: 200, body: { ref: `refs/heads/${name}`, object: { sha: b.sha, type: 'commit' } } };
      }),
    );

    add('POST /repos/{owner}/{repo}/git/refs', (request) =>
      withRepo(request.params, (repo) => {
        const b = body(request);
        const ref = String(b.ref ?? '');
        if (!ref.startsWith('refs/heads/')) return invalid('Reference name must start with refs/heads/');
        const name = ref.slice('refs/heads/'.length);
        if (repo.branches.has(name)) return invalid('Reference already exists');
        if (typeof b.sha !== 'string' || !this.commits.has(b.sha)) return invalid('Object does not exist');
        this.moveBranch(repo, name, b.sha);
        return { status: 201, body: { ref, object: { sha: b.sha, type: 'commit' } } };
      }),
    );

    add('DELETE /repos/{owner}/{repo}/git/refs/{ref+}', (request) =>
      withRepo(request.params, (repo) => {
        const name = request.params.ref.replace(/^refs\//, '').replace(/^heads\//, '');
        if (!repo.branches.delete(name)) return invalid('Reference does not exist');
        return { status: 204 };
      }),
    );

    add('PUT /repos/{owner}/{repo}/topics', (request) =>
      withRepo(request.params, (repo) => {
        const names = body(request).names;
        if (!Array.isArray(names)) return invalid('Invalid request.\n\n"names" wasn\'t supplied.');
        repo.topics = names.map(String);
        return { status: 200, body: { names: repo.topics } };
      }),
    );

    add('PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', (request) => {
      if (!ours(request.params.org) || !org.team(request.params.team_slug)) return missing();
      return withRepo(request.params, (repo) => {
        const permission = String(body(request).permission ?? 'push');
        const teams = this.teamAccess.get(repo.name.toLowerCase()) ?? new Map<string, string>();
        teams.set(request.params.team_slug, permission);
        this.teamAccess.set(repo.name.toLowerCase(), teams);
        return { status: 204 };
      });
    });

    add('PUT /repos/{owner}/{repo}/collaborators/{username}', (request) =>
      withRepo(request.params, (repo) => {
        if (!org.user(request.params.username)) return missing();
        const people = this.collaborators.get(repo.name.toLowerCase()) ?? new Map<string, string>();
        people.set(request.params.username, String(body(request).permission ?? 'push'));
        this.collaborators.set(repo.name.toLowerCase(), people);
        return { status: 201, body: { id: 1, permissions: people.get(request.params.username) } };
      }),
    );

    add('PUT /repos/{owner}/{repo}/branches/{branch}/protection', (request) =>
      withRepo(request.params, (repo) => {
        if (!repo.branches.has(request.params.branch)) return missing('Branch not found');
        // What GitHub answers on the Free plan for a private repository's branch protection.
        if (org.plan === 'free' && repo.visibility !== 'public') {
          return {
            status: 403,
            body: {
              message: 'Upgrade to GitHub Pro or make this repository public to enable this feature.',
              documentation_url: DOCS,
            },
          };
        }
        const b = body(request);
        this.protection.set(`${repo.name.toLowerCase()}@${request.params.branch}`, b);
        return {
          status: 200,
          body: {
            url: `${this.bases.api}/repos/${repo.owner}/${repo.name}/branches/${request.params.branch}/protection`,
            required_pull_request_reviews: b.required_pull_request_reviews ?? null,
            enforce_admins: { enabled: Boolean(b.enforce_admins) },
          },
        };
      }),
    );

    add('GET /repos/{owner}/{repo}/branches/{branch}/protection', (request) =>
      withRepo(request.params, (repo) => {
        const protection = this.protection.get(`${repo.name.toLowerCase()}@${request.params.branch}`);
        return protection ? { status: 200, body: protection } : missing('Branch not protected');
      }),
    );

    // A branch as GitHub answers it (branch-with-protection): its commit with the commit's tree, which
    // a pull request's tree is built on.
    add('GET /repos/{owner}/{repo}/branches/{branch+}', (request) =>
      withRepo(request.params, (repo) => {
        const branch = repo.branches.get(request.params.branch);
        if (!branch)
          return { status: 404, body: { message: 'Branch not found', documentation_url: DOCS, status: '404' } };
        this.adoptBranch(repo, branch.name);
        const commit = this.commits.get(branch.commit)!;
        const api = `${this.bases.api}/repos/${repo.owner}/${repo.name}`;
        return {
          status: 200,
          body: {
            name: branch.name,
            commit: {
              sha: commit.sha,
              url: `${api}/commits/${commit.sha}`,
              html_url: `${this.bases.html}/${repo.owner}/${repo.name}/commit/${commit.sha}`,
              commit: {
                message: commit.message,
                tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
                url: `${api}/git/commits/${commit.sha}`,
              },
              parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}` })),
            },
            _links: {
              self: `${api}/branches/${branch.name}`,
              html: `${this.bases.html}/${repo.owner}/${repo.name}/tree/${branch.name}`,
            },
            protected: this.protection.has(`${repo.name.toLowerCase()}@${branch.name}`),
            protection_url: `${api}/branches/${branch.name}/protection`,
          },
        };
      }),
    );

    add('POST /repos/{owner}/{repo}/pulls', (request) =>
      withRepo(request.params, (repo) => {
        const b = body(request);
        const failed = (message: string) =>
          invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message }]);
        if (typeof b.head !== 'string' || typeof b.base !== 'string')
          return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'missing_field' }]);
        if (typeof b.title !== 'string' || !b.title)
          return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
        const head = repo.branches.get(b.head);
        const base = repo.branches.get(b.base);
        if (!base) return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        if (!head) return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        if (head.commit === base.commit) return failed(`No commits between ${b.base} and ${b.head}`);
        if (this.pulls.some((p) => p.repo === repo.name && p.head === b.head))
          return failed(`A pull request already exists for ${repo.owner}:${b.head}.`);
        const number = this.pulls.filter((p) => p.repo === repo.name).length + 1;
        this.pulls.push({
          repo: repo.name,
          number,
          title: b.title,
          body: b.body ?? undefined,
          head: b.head,
          base: b.base,
          draft: Boolean(b.draft),
          reviewers: [],
          teamReviewers: [],
        });
        const html = `${this.bases.html}/${repo.owner}/${repo.name}/pull/${number}`;
        return {
          status: 201,
          body: {
            id: 5000 + this.pulls.length,
            number,
            state: 'open',
            title: b.title,
            body: b.body ?? null,
            draft: Boolean(b.draft),
            html_url: html,
            url: `${this.bases.api}/repos/${repo.owner}/${repo.name}/pulls/${number}`,
            head: { ref: b.head, sha: head.commit },
            base: { ref: b.base, sha: base.commit },
          },
        };
      }),
    );

    // workflow_dispatch: the workflow file must exist on the ref and declare the trigger.
    add('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', (request) =>
      withRepo(request.params, (repo) => {
        const b = body(request);
        if (typeof b.ref !== 'string') return invalid('Invalid request.\n\n"ref" wasn\'t supplied.');
        const branch = repo.branches.get(b.ref.replace(/^refs\/heads\//, ''));
        if (!branch) return invalid(`No ref found for: ${b.ref}`);
        const workflow = branch.files.get(`.github/workflows/${request.params.workflow_id}`);
        if (workflow === undefined) return missing();
        if (!/workflow_dispatch/.test(workflow)) return invalid("Workflow does not have 'workflow_dispatch' trigger");
        this.dispatches.push({
          repo: repo.name,
          workflow: request.params.workflow_id,
          ref: b.ref,
          inputs: (b.inputs ?? {}) as Record<string, unknown>,
        });
        return { status: 204 };
      }),
    );

    add('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', (request) =>
      withRepo(request.params, (repo) => {
        const pull = this.pulls.find((p) => p.repo === repo.name && p.number === Number(request.params.pull_number));
        if (!pull) return missing();
        const b = body(request);
        pull.reviewers.push(...(Array.isArray(b.reviewers) ? b.reviewers.map(String) : []));
        pull.teamReviewers.push(...(Array.isArray(b.team_reviewers) ? b.team_reviewers.map(String) : []));
        return {
          status: 201,
          body: {
            number: pull.number,
            requested_reviewers: pull.reviewers.map((login) => ({ login })),
            requested_teams: pull.teamReviewers.map((slug) => ({ slug })),
          },
        };
      }),
    );

    return this;
  }

  /** Whether `from` has `ancestor` in its history. */
  private reaches(from: string, ancestor: string): boolean {
    const queue = [from];
    const seen = new Set<string>();
    while (queue.length) {
      const sha = queue.shift()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }
}

/** Adds the write endpoints to a started fake GitHub. */
export function addGitWrites(github: FakeGitHub): FakeGitWrites {
  return new FakeGitWrites(github).install();
}

export { gitBlobOid };
