// A generated organisation for the GitHub acceptance tests and the benchmark: many repositories
// with a catalog-info.yaml each, some with none, some broken, a few monorepos whose Location
// reads globbed paths and a file in a shared repository; teams with parents and members.
import { FakeOrganisation } from './organisation.js';

export interface GeneratedOrgSpec {
  login?: string;
  repositories: number;
  /** Repositories without a catalog file (one of them is the shared catalog repository). */
  withoutCatalog?: number;
  /** Repositories whose catalog-info.yaml is not valid YAML. */
  brokenYaml?: number;
  /** Monorepos: a Location with a glob over services/ and a target in the shared repository. */
  locationRepos?: number;
  teams?: number;
  membersPerTeam?: number;
}

export interface GeneratedOrg {
  org: FakeOrganisation;
  /** Refs (lower-case, `kind:default/name`) of every valid entity the repositories declare. */
  repositoryEntities: string[];
  /** Refs of the Group and User entities the organisation yields. */
  organisationEntities: string[];
  /** Repositories whose catalog file is broken, with that file's path. */
  broken: { repo: string; path: string }[];
  /** Names of the repositories with a plain catalog-info.yaml (one Component each). */
  plain: string[];
  monorepos: string[];
  sharedRepo: string;
}

export const SHARED_REPO = 'shared-catalog';

export function componentYaml(name: string, owner: string, extra = ''): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  description: The ${name} service${extra ? ` ${extra}` : ''}`,
    '  tags: [generated]',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: group:${owner}`,
    '',
  ].join('\n');
}

export function generateOrganisation(spec: GeneratedOrgSpec): GeneratedOrg {
  const login = spec.login ?? 'acme';
  const org = new FakeOrganisation(login);
  const teams = spec.teams ?? 10;
  const perTeam = spec.membersPerTeam ?? 4;
  const withoutCatalog = spec.withoutCatalog ?? 0;
  const brokenYaml = spec.brokenYaml ?? 0;
  const locationRepos = spec.locationRepos ?? 0;
  const out: GeneratedOrg = {
    org,
    repositoryEntities: [],
    organisationEntities: [],
    broken: [],
    plain: [],
    monorepos: [],
    sharedRepo: SHARED_REPO,
  };

  for (let t = 0; t < teams; t += 1) {
    const members = Array.from({ length: perTeam }, (_, m) => `user-${t}-${m}`);
    for (const loginName of members)
      org.addUser({
        login: loginName,
        name: `User ${t}.${m(loginName)}`,
        email: t % 2 === 0 ? `${loginName}@${login}.test` : null,
      });
    org.addTeam({
      slug: `team-${t}`,
      name: `Team ${t}`,
      description: `Team number ${t}`,
      parent: t >= 2 ? `team-${t % 2}` : undefined,
      members,
    });
    out.organisationEntities.push(`group:default/team-${t}`, ...members.map((u) => `user:default/${u}`));
  }

  const plainCount = spec.repositories - withoutCatalog - brokenYaml - locationRepos;
  if (plainCount < 0) throw new Error('generateOrganisation: more special repositories than repositories');
  const owner = (i: number) => `team-${i % Math.max(1, teams)}`;

  if (withoutCatalog > 0 || locationRepos > 0) {
    const files: Record<string, string> = { 'README.md': '# Shared catalog\n' };
    for (let i = 0; i < locationRepos; i += 1) {
      files[`systems/system-${i}.yaml`] = [
        'apiVersion: backstage.io/v1alpha1',
        'kind: System',
        'metadata:',
        `  name: system-${i}`,
        'spec:',
        `  owner: group:${owner(i)}`,
        '',
      ].join('\n');
    }
    org.addRepository({ name: SHARED_REPO, files });
  }
  for (let i = 1; i < withoutCatalog; i += 1)
    org.addRepository({ name: `no-catalog-${i}`, files: { 'README.md': `# ${i}\n` } });

  for (let i = 0; i < brokenYaml; i += 1) {
    const name = `broken-${i}`;
    org.addRepository({
      name,
      files: {
        'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [${name}\n  oops: : :\n`,
      },
    });
    out.broken.push({ repo: name, path: 'catalog-info.yaml' });
  }

  for (let i = 0; i < locationRepos; i += 1) {
    const name = `monorepo-${i}`;
    const files: Record<string, string> = {
      'catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Location',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        '  targets:',
        '    - ./services/*/catalog-info.yaml',
        `    - https://github.com/${login}/${SHARED_REPO}/blob/main/systems/system-${i}.yaml`,
        '',
      ].join('\n'),
    };
    for (const part of ['billing', 'ledger'])
      files[`services/${part}/catalog-info.yaml`] = componentYaml(`${name}-${part}`, owner(i));
    files['services/billing/README.md'] = '# not a catalog file\n';
    org.addRepository({ name, files, topics: ['monorepo'] });
    out.monorepos.push(name);
    out.repositoryEntities.push(
      `location:default/${name}`,
      `component:default/${name}-billing`,
      `component:default/${name}-ledger`,
      `system:default/system-${i}`,
    );
  }

  for (let i = 0; i < plainCount; i += 1) {
    const name = `service-${i}`;
    org.addRepository({
      name,
      files: { 'catalog-info.yaml': componentYaml(name, owner(i)), 'src/index.ts': 'export {};\n' },
      topics: ['backstage'],
    });
    out.plain.push(name);
    out.repositoryEntities.push(`component:default/${name}`);
  }
  return out;
}

function m(loginName: string): string {
  return loginName.split('-').pop() ?? '';
}
