// The fake GitHub's endpoints for what Backstage's GitHub module sets on a repository after it
// exists: Actions variables and secrets (sealed with a real key pair, so tests can open them),
// environments with their policies, variables and secrets, Pages, issue labels, webhooks, deploy
// keys, autolinks, branch protection removal and signed commits, and listing and updating pull
// requests. Requests reach these routes only after the fake held them to GitHub's REST
// description; each keeps what it was sent so tests can read what the repository holds now.
//
//   const settings = addRepoSettings(github, git);
//   ... settings.of('payments-api').hooks
import { createRequire } from 'node:module';
import type { FakeGitHub } from './fake-github.js';
import type { FakeGitWrites } from './fake-github-git.js';
import type { FakeRepository } from './fake-github/organisation.js';
import type { RestRequest, RestResponse } from './fake-github/rest-routes.js';

const sodium = createRequire(import.meta.url)('libsodium-wrappers') as typeof import('libsodium-wrappers');

const DOCS = 'https://docs.github.com/rest';
const missing = (message = 'Not Found'): RestResponse => ({ status: 404, body: { message, documentation_url: DOCS } });
const invalid = (message: string): RestResponse => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ message }], documentation_url: DOCS },
});

export interface FakeEnvironment {
  name: string;
  body: Record<string, unknown>;
  policies: Array<{ name: string; type: string }>;
  variables: Map<string, string>;
  secrets: Map<string, string>;
}

/** What one repository has been given, secrets opened again. */
export interface RepoSettings {
  variables: Map<string, string>;
  secrets: Map<string, string>;
  environments: Map<string, FakeEnvironment>;
  pages?: Record<string, unknown>;
  labels: Map<number, string[]>;
  hooks: Map<number, Record<string, unknown>>;
  keys: Map<number, { title: string; key: string }>;
  autolinks: Map<number, Record<string, unknown>>;
  signedBranches: Set<string>;
}

export class FakeRepoSettings {
  private readonly repos = new Map<string, RepoSettings>();
  private keyPair?: { publicKey: Uint8Array; privateKey: Uint8Array };
  private nextId = 1;

  constructor(
    private readonly github: FakeGitHub,
    private readonly git: FakeGitWrites,
  ) {}

  of(repo: string): RepoSettings {
    const key = repo.toLowerCase();
    let settings = this.repos.get(key);
    if (!settings) {
      settings = {
        variables: new Map(),
        secrets: new Map(),
        environments: new Map(),
        labels: new Map(),
        hooks: new Map(),
        keys: new Map(),
        autolinks: new Map(),
        signedBranches: new Set(),
      };
      this.repos.set(key, settings);
    }
    return settings;
  }

  async install(): Promise<this> {
    await sodium.ready;
    this.keyPair = sodium.crypto_box_keypair();
    const org = this.github.org;
    const ours = (owner: string) => owner.toLowerCase() === org.login.toLowerCase();
    const withRepo = (request: RestRequest, handle: (repo: FakeRepository, s: RepoSettings) => RestResponse) => {
      const repo = ours(request.params.owner) ? org.repository(request.params.repo) : undefined;
      return repo ? handle(repo, this.of(repo.name)) : missing();
    };
    const add = (name: string, handle: (repo: FakeRepository, s: RepoSettings, r: RestRequest) => RestResponse) =>
      this.github.addRoute(name, (request) => withRepo(request, (repo, s) => handle(repo, s, request)));
    const body = (request: RestRequest) => (request.body ?? {}) as Record<string, any>;
    const publicKey = () => ({
      status: 200,
      body: {
        key_id: '3380204578043523366',
        key: sodium.to_base64(this.keyPair!.publicKey, sodium.base64_variants.ORIGINAL),
      },
    });
    const open = (sealed: string) =>
      sodium.to_string(
        sodium.crypto_box_seal_open(
          sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL),
          this.keyPair!.publicKey,
          this.keyPair!.privateKey,
        ),
      );

    add('POST /repos/{owner}/{repo}/actions/variables', (_repo, s, r) => {
      const b = body(r);
      if (s.variables.has(b.name)) return { status: 409, body: { message: 'Already exists', documentation_url: DOCS } };
      s.variables.set(b.name, b.value);
      return { status: 201, body: {} };
    });
    add('GET /repos/{owner}/{repo}/actions/secrets/public-key', () => publicKey());
    add('PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}', (_repo, s, r) => {
      const created = !s.secrets.has(r.params.secret_name);
      s.secrets.set(r.params.secret_name, open(body(r).encrypted_value));
      return { status: created ? 201 : 204, body: created ? {} : undefined };
    });
    add('DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}', (_repo, s, r) =>
      s.secrets.delete(r.params.secret_name) ? { status: 204 } : missing(),
    );

    const environmentJson = (repo: FakeRepository, env: FakeEnvironment) => ({
      id: 1,
      node_id: 'EN_1',
      name: env.name,
      url: `${this.github.url}/repos/${repo.owner}/${repo.name}/environments/${env.name}`,
      html_url: `${this.github.htmlBase}/${repo.owner}/${repo.name}/deployments/activity_log?environments_filter=${env.name}`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      deployment_branch_policy: env.body.deployment_branch_policy ?? null,
    });
    const withEnvironment = (s: RepoSettings, r: RestRequest, handle: (env: FakeEnvironment) => RestResponse) => {
      const env = s.environments.get(r.params.environment_name);
      return env ? handle(env) : missing();
    };
    add('PUT /repos/{owner}/{repo}/environments/{environment_name}', (repo, s, r) => {
      const name = r.params.environment_name;
      const env = s.environments.get(name) ?? {
        name,
        body: {},
        policies: [],
        variables: new Map(),
        secrets: new Map(),
      };
      env.body = body(r);
      s.environments.set(name, env);
      return { status: 200, body: environmentJson(repo, env) };
    });
    add('DELETE /repos/{owner}/{repo}/environments/{environment_name}', (_repo, s, r) =>
      s.environments.delete(r.params.environment_name) ? { status: 204 } : missing(),
    );
    add('POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies', (_repo, s, r) =>
      withEnvironment(s, r, (env) => {
        // GitHub takes custom policies only when the environment asked for them.
        const policy = env.body.deployment_branch_policy as { custom_branch_policies?: boolean } | null | undefined;
        if (!policy?.custom_branch_policies) return missing();
        const { name, type = 'branch' } = body(r);
        env.policies.push({ name, type });
        return { status: 200, body: { id: this.nextId++, node_id: 'DBP_1', name, type } };
      }),
    );
    add('POST /repos/{owner}/{repo}/environments/{environment_name}/variables', (_repo, s, r) =>
      withEnvironment(s, r, (env) => {
        env.variables.set(body(r).name, body(r).value);
        return { status: 201, body: {} };
      }),
    );
    add('GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key', (_repo, s, r) =>
      withEnvironment(s, r, () => publicKey()),
    );
    add('PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}', (_repo, s, r) =>
      withEnvironment(s, r, (env) => {
        env.secrets.set(r.params.secret_name, open(body(r).encrypted_value));
        return { status: 201, body: {} };
      }),
    );

    add('POST /repos/{owner}/{repo}/pages', (repo, s, r) => {
      if (s.pages)
        return { status: 409, body: { message: 'GitHub Pages is already enabled.', documentation_url: DOCS } };
      s.pages = body(r);
      return {
        status: 201,
        body: {
          url: `${this.github.url}/repos/${repo.owner}/${repo.name}/pages`,
          status: null,
          cname: null,
          custom_404: false,
          public: repo.visibility === 'public',
          build_type: s.pages.build_type ?? 'legacy',
          html_url: `https://${repo.owner}.github.io/${repo.name}/`,
        },
      };
    });
    add('DELETE /repos/{owner}/{repo}/pages', (_repo, s) => {
      if (!s.pages) return missing();
      s.pages = undefined;
      return { status: 204 };
    });

    const labelJson = (name: string) => ({
      id: 1,
      node_id: 'LA_1',
      url: '',
      name,
      color: 'ededed',
      default: false,
      description: null,
    });
    add('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', (_repo, s, r) => ({
      status: 200,
      body: (s.labels.get(Number(r.params.issue_number)) ?? []).map(labelJson),
    }));
    add('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (_repo, s, r) => {
      const number = Number(r.params.issue_number);
      const b = body(r);
      const given = (Array.isArray(b) ? b : (b.labels ?? [])) as Array<string | { name: string }>;
      const names = given.map((l) => (typeof l === 'string' ? l : l.name));
      const labels = [...new Set([...(s.labels.get(number) ?? []), ...names])];
      s.labels.set(number, labels);
      return { status: 200, body: labels.map(labelJson) };
    });
    add('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (_repo, s, r) => {
      const number = Number(r.params.issue_number);
      const labels = s.labels.get(number) ?? [];
      if (!labels.includes(r.params.name)) return missing('Label does not exist');
      s.labels.set(
        number,
        labels.filter((l) => l !== r.params.name),
      );
      return { status: 200, body: s.labels.get(number)!.map(labelJson) };
    });

    add('POST /repos/{owner}/{repo}/hooks', (repo, s, r) => {
      const id = this.nextId++;
      const b = body(r);
      s.hooks.set(id, b);
      const url = `${this.github.url}/repos/${repo.owner}/${repo.name}/hooks/${id}`;
      return {
        status: 201,
        body: {
          type: 'Repository',
          id,
          name: 'web',
          active: b.active ?? true,
          events: b.events ?? ['push'],
          config: { ...b.config, secret: b.config?.secret ? '********' : undefined },
          updated_at: '2026-01-01T00:00:00Z',
          created_at: '2026-01-01T00:00:00Z',
          url,
          test_url: `${url}/test`,
          ping_url: `${url}/pings`,
          last_response: { code: null, status: 'unused', message: null },
        },
      };
    });
    add('DELETE /repos/{owner}/{repo}/hooks/{hook_id}', (_repo, s, r) =>
      s.hooks.delete(Number(r.params.hook_id)) ? { status: 204 } : missing(),
    );

    add('POST /repos/{owner}/{repo}/keys', (_repo, s, r) => {
      const b = body(r);
      if (!/^(ssh-(rsa|ed25519)|ecdsa-sha2-\S+) \S+/.test(String(b.key))) return invalid('key is invalid');
      const id = this.nextId++;
      s.keys.set(id, { title: b.title, key: b.key });
      return {
        status: 201,
        body: {
          id,
          key: b.key,
          url: '',
          title: b.title,
          verified: true,
          created_at: '2026-01-01T00:00:00Z',
          read_only: false,
        },
      };
    });
    add('DELETE /repos/{owner}/{repo}/keys/{key_id}', (_repo, s, r) =>
      s.keys.delete(Number(r.params.key_id)) ? { status: 204 } : missing(),
    );

    add('POST /repos/{owner}/{repo}/autolinks', (_repo, s, r) => {
      const b = body(r);
      if ([...s.autolinks.values()].some((a) => a.key_prefix === b.key_prefix))
        return invalid('key_prefix already exists');
      const id = this.nextId++;
      s.autolinks.set(id, b);
      return {
        status: 201,
        body: {
          id,
          key_prefix: b.key_prefix,
          url_template: b.url_template,
          is_alphanumeric: b.is_alphanumeric ?? true,
        },
      };
    });
    add('DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}', (_repo, s, r) =>
      s.autolinks.delete(Number(r.params.autolink_id)) ? { status: 204 } : missing(),
    );

    add('POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures', (repo, s, r) => {
      if (!this.git.branchProtection(repo.name, r.params.branch)) return missing('Branch not protected');
      s.signedBranches.add(r.params.branch);
      return { status: 200, body: { url: '', enabled: true } };
    });
    add('DELETE /repos/{owner}/{repo}/branches/{branch}/protection', (repo, _s, r) =>
      this.git.protection.delete(`${repo.name.toLowerCase()}@${r.params.branch}`)
        ? { status: 204 }
        : missing('Branch not protected'),
    );

    // Pull requests: listed by head (owner:branch) and state, and updated in place.
    const pullJson = (repo: FakeRepository, p: FakeGitWrites['pulls'][number]) => ({
      id: 5000 + p.number,
      number: p.number,
      state: 'open',
      title: p.title,
      body: p.body ?? null,
      draft: p.draft,
      html_url: `${this.github.htmlBase}/${repo.owner}/${repo.name}/pull/${p.number}`,
      url: `${this.github.url}/repos/${repo.owner}/${repo.name}/pulls/${p.number}`,
      head: { ref: p.head, sha: repo.branches.get(p.head)?.commit ?? '' },
      base: { ref: p.base, sha: repo.branches.get(p.base)?.commit ?? '' },
    });
    add('GET /repos/{owner}/{repo}/pulls', (repo, _s, r) => {
      const head = r.query.get('head');
      const pulls = this.git.pulls.filter(
        (p) => p.repo === repo.name && (!head || `${repo.owner}:${p.head}`.toLowerCase() === head.toLowerCase()),
      );
      return { status: 200, body: pulls.map((p) => pullJson(repo, p)) };
    });
    add('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', (repo, _s, r) => {
      const pull = this.git.pulls.find((p) => p.repo === repo.name && p.number === Number(r.params.pull_number));
      if (!pull) return missing();
      const b = body(r);
      if (typeof b.title === 'string') pull.title = b.title;
      if (typeof b.body === 'string') pull.body = b.body;
      return { status: 200, body: pullJson(repo, pull) };
    });
    return this;
  }
}

/** Adds the settings endpoints to a fake GitHub that already has the git write endpoints. */
export async function addRepoSettings(github: FakeGitHub, git: FakeGitWrites): Promise<FakeRepoSettings> {
  return new FakeRepoSettings(github, git).install();
}
