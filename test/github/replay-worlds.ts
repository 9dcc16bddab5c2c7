// The organisation GitHub's own webhook examples (@octokit/webhooks-examples) describe: for each
// payload, what the fake organisation holds before the event and what it holds when GitHub sends
// it, read back from the payload itself (its repository, `changes`, team, member), and what the
// catalog must hold afterwards.
import { componentYaml, type FakeOrganisation } from '../support/fake-github.js';

/** Loose on purpose: the examples are GitHub's JSON, and each event names different fields. */
export type Payload = Record<string, any>;

export interface ReplayExample {
  event: string;
  action?: string;
  /** Position among the event's examples, to name the test. */
  index: number;
  payload: Payload;
}

/** What the catalog holds after the delivery, besides "a full sync would change nothing". */
export interface Expectation {
  /** Refs that must be present, with the location that must hold them. */
  present: { ref: string; locationKey?: string; description?: string; members?: string[] }[];
  absent: string[];
  /** The delivery needs no reading at all: GitHub is not asked anything. */
  readsNothing: boolean;
}

/** How to move the organisation from before the event to when GitHub sends it, and the outcome. */
export interface Prepared {
  happen: () => void;
  expect: Expectation;
}

/** The examples of the events that concern the catalog. */
export const REPLAYED_EVENTS = [
  'push',
  'repository',
  'team',
  'membership',
  'member',
  'organization',
  'installation',
  'installation_repositories',
  'team_add',
];

/** Whose hook the delivery reached: the repository's owner, else the organisation, else the app's account. */
export function accountOf(payload: Payload): string {
  const login = payload.repository?.owner?.login ?? payload.organization?.login ?? payload.installation?.account?.login;
  if (!login) throw new Error('example without an account');
  return login;
}

export const REPO = 'Hello-World';
export const COMPONENT = 'component:default/hello-world';
const TEAM = 'github';
const GROUP = `group:default/${TEAM}`;

const catalogFile = (where: string) => componentYaml('hello-world', TEAM, where);
const catalogFileDescription = (where: string) => `The hello-world service ${where}`;

/** Empties the organisation in place (the fake GitHub keeps its instance). */
function reset(org: FakeOrganisation): void {
  org.repositories.clear();
  org.teams.clear();
  org.users.clear();
  org.members.clear();
  org.redirects.clear();
  org.transferred.clear();
}

/** A repository like the payload's, holding a catalog file on each branch that names the branch. */
function addRepository(
  org: FakeOrganisation,
  repository: Payload,
  over: { name?: string; defaultBranch?: string } = {},
) {
  const defaultBranch = over.defaultBranch ?? repository.default_branch ?? 'main';
  const branches = [...new Set([defaultBranch, repository.default_branch ?? defaultBranch])];
  return org.addRepository({
    name: over.name ?? repository.name,
    defaultBranch,
    files: { 'catalog-info.yaml': catalogFile(`on ${defaultBranch}`) },
    branches: Object.fromEntries(
      branches.filter((b) => b !== defaultBranch).map((b) => [b, { 'catalog-info.yaml': catalogFile(`on ${b}`) }]),
    ),
    description: repository.description ?? undefined,
    visibility: repository.private ? 'private' : 'public',
    archived: repository.archived ?? false,
  });
}

/** The organisation every example starts from: the team, its member, the organisation's people. */
function baseline(org: FakeOrganisation, payload: Payload): void {
  reset(org);
  org.addTeam({ slug: TEAM, name: TEAM, members: ['Codertocat'] });
  if (payload.repository && payload.repository.owner?.login?.toLowerCase() === org.login.toLowerCase()) {
    addRepository(org, payload.repository);
  }
}

/**
 * Sets the organisation as it was before the event; returns a function that makes it what it is
 * when GitHub sends the payload, and what the catalog must then hold.
 */
export function prepare(org: FakeOrganisation, example: ReplayExample): Prepared {
  const { payload } = example;
  baseline(org, payload);
  const nothing = (): Prepared => ({
    happen: () => {},
    expect: { present: org.repository(REPO) ? [{ ref: COMPONENT }] : [], absent: [], readsNothing: true },
  });
  switch (example.event) {
    case 'repository':
      return repositoryEvent(org, payload);
    case 'push':
      return pushEvent(org, payload);
    case 'team':
      return teamEvent(org, payload, nothing);
    case 'membership':
      return membershipEvent(org, payload);
    case 'organization':
      return organizationEvent(org, payload, nothing);
    case 'installation_repositories':
      return installationRepositories(org, payload);
    // Collaborators, a team's access to a repository, the app's installation: not in the catalog.
    default:
      return nothing();
  }
}

function repositoryEvent(org: FakeOrganisation, payload: Payload): Prepared {
  const repository = payload.repository;
  const key = `github:${org.login}/${repository.name}`;
  const previousName: string = payload.changes?.repository?.name?.from ?? repository.name;
  const previousBranch: string | undefined = payload.changes?.default_branch?.from;
  org.repositories.clear();
  const present = (description?: string): Expectation => ({
    present: [{ ref: COMPONENT, locationKey: key, description }],
    absent: [],
    readsNothing: false,
  });
  const gone: Expectation = { present: [], absent: [COMPONENT], readsNothing: false };
  switch (payload.action) {
    case 'created':
    case 'transferred':
      // It was not here (or belonged to someone else); it is now.
      return { happen: () => addRepository(org, repository), expect: present() };
    case 'deleted':
      addRepository(org, repository);
      return { happen: () => org.deleteRepository(repository.name), expect: gone };
    case 'renamed':
      addRepository(org, repository, { name: previousName });
      return {
        happen: () => {
          if (previousName !== repository.name) org.renameRepository(previousName, repository.name);
        },
        expect: present(),
      };
    case 'edited':
      // A new default branch: the catalog file is read from it.
      addRepository(org, repository, { defaultBranch: previousBranch });
      return {
        happen: () => {
          const repo = org.requireRepository(repository.name);
          repo.defaultBranch = repository.default_branch;
          repo.description = repository.description;
        },
        expect: present(catalogFileDescription(`on ${repository.default_branch}`)),
      };
    default: {
      // archived, unarchived, privatized, publicized: the opposite before, the payload's state after.
      const before = addRepository(org, repository);
      if (payload.action === 'archived' || payload.action === 'unarchived') {
        before.archived = payload.action !== 'archived';
      }
      if (payload.action === 'privatized' || payload.action === 'publicized') {
        before.visibility = payload.action === 'privatized' ? 'public' : 'private';
      }
      return {
        happen: () => {
          before.archived = repository.archived;
          before.visibility = repository.private ? 'private' : 'public';
        },
        // Archived repositories leave the catalog (Backstage's default filter).
        expect: repository.archived ? gone : present(),
      };
    }
  }
}

function pushEvent(org: FakeOrganisation, payload: Payload): Prepared {
  const onDefault = `on ${payload.repository.default_branch}`;
  const branch = String(payload.ref).replace(/^refs\/heads\//, '');
  const touched: string[] = (payload.commits ?? []).flatMap((c: Payload) => [...c.added, ...c.modified]);
  const removed: string[] = (payload.commits ?? []).flatMap((c: Payload) => c.removed);
  const catalogTouched = touched.includes('catalog-info.yaml');
  return {
    happen: () => {
      if (!payload.ref.startsWith('refs/heads/')) return;
      for (const path of touched) {
        org.setFile(REPO, path, path === 'catalog-info.yaml' ? catalogFile('pushed') : `${path} pushed\n`, branch);
      }
      for (const path of removed) org.deleteFile(REPO, path, branch);
    },
    expect: {
      present: [{ ref: COMPONENT, description: catalogFileDescription(catalogTouched ? 'pushed' : onDefault) }],
      absent: [],
      // A tag, or files no catalog reads: GitHub is not asked anything.
      readsNothing: !catalogTouched,
    },
  };
}

function teamEvent(org: FakeOrganisation, payload: Payload, nothing: () => Prepared): Prepared {
  const group = `group:default/${payload.team.slug}`;
  const exists: Expectation = { present: [{ ref: group }], absent: [], readsNothing: false };
  switch (payload.action) {
    case 'created':
      org.deleteTeam(payload.team.slug);
      return { happen: () => org.addTeam({ slug: payload.team.slug, name: payload.team.name }), expect: exists };
    case 'deleted':
      return {
        happen: () => org.deleteTeam(payload.team.slug),
        expect: { present: [], absent: [group], readsNothing: false },
      };
    case 'edited':
      org.team(payload.team.slug)!.description = 'Before the edit';
      return {
        happen: () => {
          org.team(payload.team.slug)!.description = payload.team.description;
        },
        expect: exists,
      };
    default:
      // added_to_repository, removed_from_repository: a team's access to a repository.
      return nothing();
  }
}

function membershipEvent(org: FakeOrganisation, payload: Payload): Prepared {
  const login: string = payload.member.login;
  const slug: string | undefined = payload.team?.slug;
  if (!slug) {
    // GitHub's example of a membership of a team since deleted: the team is gone, and so its group.
    return {
      happen: () => org.deleteTeam(TEAM),
      expect: {
        present: [{ ref: `user:default/${login.toLowerCase()}` }],
        absent: [GROUP],
        readsNothing: false,
      },
    };
  }
  const added = payload.action === 'added';
  if (added) org.removeTeamMember(slug, login);
  const members = added ? [login] : [];
  return {
    happen: () => (added ? org.addTeamMember(slug, login) : org.removeTeamMember(slug, login)),
    expect: { present: [{ ref: `group:default/${slug}`, members }], absent: [], readsNothing: false },
  };
}

function organizationEvent(org: FakeOrganisation, payload: Payload, nothing: () => Prepared): Prepared {
  const login: string | undefined = payload.membership?.user?.login;
  const user = login ? `user:default/${login.toLowerCase()}` : undefined;
  switch (payload.action) {
    case 'member_added':
      return {
        happen: () => org.addUser({ login: login! }),
        expect: { present: [{ ref: user! }], absent: [], readsNothing: false },
      };
    case 'member_removed':
      org.addUser({ login: login! });
      return {
        happen: () => {
          org.users.delete(login!.toLowerCase());
          org.members.delete(login!);
        },
        expect: { present: [], absent: [user!], readsNothing: false },
      };
    case 'renamed':
      // GitHub's example renames the organisation to its own name: the teams are read again.
      return { happen: () => {}, expect: { present: [{ ref: GROUP }], absent: [], readsNothing: false } };
    default:
      // member_invited: no one joined yet.
      return nothing();
  }
}

function installationRepositories(org: FakeOrganisation, payload: Payload): Prepared {
  const added: Payload[] = payload.repositories_added ?? [];
  const removed: Payload[] = payload.repositories_removed ?? [];
  for (const r of removed) addRepository(org, { name: r.name, default_branch: 'main' });
  const component = (name: string) => `component:default/${name.toLowerCase()}`;
  return {
    happen: () => {
      for (const r of added) {
        org.addRepository({ name: r.name, files: { 'catalog-info.yaml': componentYaml(r.name.toLowerCase(), TEAM) } });
      }
      for (const r of removed) org.deleteRepository(r.name);
    },
    expect: {
      present: added.map((r) => ({ ref: component(r.name), locationKey: `github:${org.login}/${r.name}` })),
      absent: removed.map(() => COMPONENT),
      readsNothing: false,
    },
  };
}
