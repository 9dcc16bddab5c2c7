// The REST endpoints Callboard reads, answering from the fake organisation in GitHub's formats.
import { gitBlobOid, type FakeOrganisation, type FakeRepository } from './organisation.js';
import { treeOid } from './graphql-resolvers.js';
import { githubBase64, repositoryJson, teamJson, userJson, type Bases } from './rest-json.js';

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestRoute {
  method: string;
  /** Route name in GitHub's docs' form, e.g. `GET /repos/{owner}/{repo}`. */
  name: string;
  pattern: RegExp;
  handle: (request: RestRequest) => RestResponse;
}

const DOCS = 'https://docs.github.com/rest';
export const notFound = (): RestResponse => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS, status: '404' },
});

/** Turns `GET /repos/{owner}/{repo}` into a route; a trailing `{path+}` takes the rest of the path. */
export function route(name: string, handle: RestRoute['handle']): RestRoute {
  const [method, template] = name.split(' ');
  const source = template
    .replace(/[.*?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\+\}/g, (_m, p) => `(?<${p}>.+)`)
    .replace(/\{(\w+)\}/g, (_m, p) => `(?<${p}>[^/]+)`);
  return { method, name, pattern: new RegExp(`^${source}$`), handle };
}

/** Link header pagination over a list, GitHub style (page, per_page <= 100). */
function paginate<T>(bases: Bases, request: RestRequest, items: T[], render: (item: T) => unknown): RestResponse {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30)));
  const page = Math.max(1, Number(request.query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(p));
    query.set('per_page', String(perPage));
    return `<${bases.api}${request.path}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage).map(render),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

export function restRoutes(org: FakeOrganisation, bases: Bases): RestRoute[] {
  const ourOrg = (name: string) => name.toLowerCase() === org.login.toLowerCase();

  /** The repository, or a 301 to its new home when renamed or transferred, or 404. */
  const withRepository = (
    params: Record<string, string>,
    handle: (repo: FakeRepository) => RestResponse,
  ): RestResponse => {
    const repo = ourOrg(params.owner) ? org.repository(params.repo) : undefined;
    if (repo) return handle(repo);
    const movedId = org.redirects.get(`${params.owner}/${params.repo}`.toLowerCase());
    if (movedId !== undefined && org.repositoryById(movedId)) {
      const location = `${bases.api}/repositories/${movedId}`;
      return {
        status: 301,
        headers: { location },
        body: { message: 'Moved Permanently', url: location, documentation_url: DOCS },
      };
    }
    return notFound();
  };

  const branchOf = (repo: FakeRepository, ref: string | null) => org.branch(repo, ref ?? undefined);

  return [
    route('GET /orgs/{org}', ({ params }) =>
      ourOrg(params.org)
        ? {
            status: 200,
            body: {
              login: org.login,
              id: org.id,
              type: 'Organization',
              html_url: `${bases.html}/${org.login}`,
              // GitHub's organization-full schema: `plan` only for the organisation's owners.
              ...(org.plan
                ? { plan: { name: org.plan, space: 976562499, private_repos: 999999, filled_seats: 4, seats: 5 } }
                : {}),
            },
          }
        : notFound(),
    ),

    route('GET /orgs/{org}/repos', (request) =>
      ourOrg(request.params.org)
        ? paginate(bases, request, org.repositoryList(), (r) => repositoryJson(bases, org, r))
        : notFound(),
    ),

    route('GET /repos/{owner}/{repo}', ({ params }) =>
      withRepository(params, (repo) => ({ status: 200, body: repositoryJson(bases, org, repo) })),
    ),

    route('GET /repositories/{id}', ({ params }) => {
      const repo = org.repositoryById(Number(params.id));
      return repo ? { status: 200, body: repositoryJson(bases, org, repo) } : notFound();
    }),

    route('GET /repos/{owner}/{repo}/branches/{branch+}', ({ params }) =>
      withRepository(params, (repo) => {
        const branch = repo.branches.get(params.branch);
        if (!branch)
          return { status: 404, body: { message: 'Branch not found', documentation_url: DOCS, status: '404' } };
        return {
          status: 200,
          body: {
            name: branch.name,
            commit: {
              sha: branch.commit,
              url: `${bases.api}/repos/${repo.owner}/${repo.name}/commits/${branch.commit}`,
            },
            protected: false,
          },
        };
      }),
    ),

    route('GET /repos/{owner}/{repo}/git/trees/{sha+}', ({ params, query }) =>
      withRepository(params, (repo) => {
        const branch = branchOf(repo, params.sha);
        if (!branch) return notFound();
        const recursive =
          query.has('recursive') && query.get('recursive') !== '0' && query.get('recursive') !== 'false';
        const paths = [...branch.files.keys()].sort();
        const dirs = new Set<string>();
        for (const p of paths) {
          const parts = p.split('/');
          for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
        }
        const api = `${bases.api}/repos/${repo.owner}/${repo.name}/git`;
        let entries = [
          ...[...dirs].map((d) => ({
            path: d,
            mode: '040000',
            type: 'tree',
            sha: treeOid(branch, d),
            url: `${api}/trees/${treeOid(branch, d)}`,
          })),
          ...paths.map((p) => {
            const content = branch.files.get(p) ?? '';
            const sha = gitBlobOid(content);
            return {
              path: p,
              mode: '100644',
              type: 'blob',
              sha,
              size: Buffer.byteLength(content),
              url: `${api}/blobs/${sha}`,
            };
          }),
        ].sort((a, b) => a.path.localeCompare(b.path));
        if (!recursive) entries = entries.filter((e) => !e.path.includes('/'));
        const truncated = entries.length > 100_000;
        const sha = treeOid(branch, '');
        return { status: 200, body: { sha, url: `${api}/trees/${sha}`, tree: entries.slice(0, 100_000), truncated } };
      }),
    ),

    route('GET /repos/{owner}/{repo}/git/blobs/{sha}', ({ params }) =>
      withRepository(params, (repo) => {
        for (const branch of repo.branches.values()) {
          for (const content of branch.files.values()) {
            if (gitBlobOid(content) === params.sha) {
              return {
                status: 200,
                body: {
                  sha: params.sha,
                  node_id: Buffer.from(`Blob:${params.sha}`).toString('base64'),
                  size: Buffer.byteLength(content),
                  url: `${bases.api}/repos/${repo.owner}/${repo.name}/git/blobs/${params.sha}`,
                  content: githubBase64(content),
                  encoding: 'base64',
                },
              };
            }
          }
        }
        return notFound();
      }),
    ),

    route('GET /repos/{owner}/{repo}/contents/{path+}', ({ params, query }) =>
      withRepository(params, (repo) => {
        const branch = branchOf(repo, query.get('ref'));
        if (!branch) return notFound();
        const path = params.path.replace(/^\/+|\/+$/g, '');
        const content = branch.files.get(path);
        const html = `${bases.html}/${repo.owner}/${repo.name}`;
        const api = `${bases.api}/repos/${repo.owner}/${repo.name}`;
        if (content !== undefined) {
          const sha = gitBlobOid(content);
          return {
            status: 200,
            body: {
              type: 'file',
              encoding: 'base64',
              size: Buffer.byteLength(content),
              name: path.split('/').pop(),
              path,
              content: githubBase64(content),
              sha,
              url: `${api}/contents/${path}?ref=${branch.name}`,
              git_url: `${api}/git/blobs/${sha}`,
              html_url: `${html}/blob/${branch.name}/${path}`,
              download_url: `${bases.html.replace('://', '://raw.')}/${repo.owner}/${repo.name}/${branch.name}/${path}`,
            },
          };
        }
        const prefix = `${path}/`;
        const children = new Map<string, 'file' | 'dir'>();
        for (const p of branch.files.keys()) {
          if (!p.startsWith(prefix)) continue;
          const rest = p.slice(prefix.length);
          const name = rest.split('/')[0];
          children.set(name, rest.includes('/') ? 'dir' : 'file');
        }
        if (!children.size) return notFound();
        return {
          status: 200,
          body: [...children].map(([name, type]) => {
            const childPath = `${path}/${name}`;
            const sha = type === 'file' ? gitBlobOid(branch.files.get(childPath) ?? '') : treeOid(branch, childPath);
            return {
              type,
              name,
              path: childPath,
              sha,
              url: `${api}/contents/${childPath}?ref=${branch.name}`,
              html_url: `${html}/${type === 'file' ? 'blob' : 'tree'}/${branch.name}/${childPath}`,
            };
          }),
        };
      }),
    ),

    route('GET /orgs/{org}/teams', (request) =>
      ourOrg(request.params.org)
        ? paginate(bases, request, org.teamList(), (t) => teamJson(bases, org, t))
        : notFound(),
    ),

    route('GET /orgs/{org}/teams/{team_slug}', ({ params }) => {
      const team = ourOrg(params.org) ? org.team(params.team_slug) : undefined;
      return team ? { status: 200, body: teamJson(bases, org, team) } : notFound();
    }),

    route('GET /orgs/{org}/teams/{team_slug}/teams', (request) => {
      const team = ourOrg(request.params.org) ? org.team(request.params.team_slug) : undefined;
      return team ? paginate(bases, request, org.childTeams(team.slug), (t) => teamJson(bases, org, t)) : notFound();
    }),

    // GitHub: "Team members will include the members of child teams."
    route('GET /orgs/{org}/teams/{team_slug}/members', (request) => {
      const team = ourOrg(request.params.org) ? org.team(request.params.team_slug) : undefined;
      return team ? paginate(bases, request, org.teamMembers(team.slug, 'ALL'), (u) => userJson(bases, u)) : notFound();
    }),

    route('GET /orgs/{org}/members', (request) =>
      ourOrg(request.params.org) ? paginate(bases, request, org.memberList(), (u) => userJson(bases, u)) : notFound(),
    ),

    route('GET /users/{username}', ({ params }) => {
      const user = org.user(params.username);
      return user ? { status: 200, body: userJson(bases, user, true) } : notFound();
    }),
  ];
}
