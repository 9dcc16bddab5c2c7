// A realistic, deterministic organisation of any size, for benchmarks: teams in departments,
// people in teams, domains, systems, and the components, APIs and resources they own and use.
// The same count and seed always give the same entities.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import type { Entity } from '../src/catalog/types.js';
import {
  AREAS,
  AUDIENCES,
  COMPONENT_SUFFIXES,
  COMPONENT_TYPES,
  CONCERN_TAGS,
  DEPARTMENTS,
  FIRST_NAMES,
  LANGUAGE_TAGS,
  LAST_NAMES,
  LIFECYCLES,
  NOUNS,
  PLATFORM_TAGS,
  REGIONS,
  RESOURCE_KINDS,
  SYSTEM_NOUNS,
  TEAM_NOUNS,
  VERBS,
} from './org-words.js';

const API_VERSION = 'backstage.io/v1alpha1';
const GITHUB_ORG = 'example-fintech';
/** The smallest organisation that still has every kind and every relation. */
const MIN_ENTITIES = 12;
/** What a component that serves an API is called. */
const API_PROVIDER_SUFFIXES = ['service', 'api', 'gateway', 'bff', 'proxy'];

/** Shares of the catalog per kind; components take the rest. */
const SHARES = { domain: 0.004, system: 0.03, group: 0.04, user: 0.2, api: 0.12, resource: 0.12 };

/** mulberry32: small, fast and the same on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Picker {
  constructor(readonly random: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  chance(probability: number): boolean {
    return this.random() < probability;
  }
  /** `count` distinct items (fewer when the list is shorter). */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < Math.min(count, items.length) && tries < count * 4; tries++)
      chosen.add(this.pick(items));
    return [...chosen];
  }
}

/** Hands out names once: a repeat gets the next free number, as people do when a name is taken. */
class NameRegistry {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  claim(candidate: string): string {
    let name = candidate;
    let suffix = this.nextSuffix.get(candidate) ?? 2;
    while (this.taken.has(name)) name = `${candidate}-${suffix++}`;
    this.nextSuffix.set(candidate, suffix);
    this.taken.add(name);
    return name;
  }
}

function titleCase(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function kindCounts(
  total: number,
): Record<'domain' | 'system' | 'group' | 'user' | 'api' | 'resource' | 'component', number> {
  const share = (fraction: number) => Math.max(1, Math.floor(total * fraction));
  const counts = {
    domain: share(SHARES.domain),
    system: share(SHARES.system),
    group: Math.max(3, share(SHARES.group)),
    user: share(SHARES.user),
    api: share(SHARES.api),
    resource: share(SHARES.resource),
    component: 0,
  };
  counts.component = total - counts.domain - counts.system - counts.group - counts.user - counts.api - counts.resource;
  return counts;
}

interface Team {
  name: string;
  area: string;
}
interface SystemInfo {
  name: string;
  area: string;
  owner: string;
}

export function generateOrganisation(entityCount: number, seed = 1): Entity[] {
  if (!Number.isInteger(entityCount) || entityCount < MIN_ENTITIES) {
    throw new RangeError(
      `An organisation needs a whole number of at least ${MIN_ENTITIES} entities, not ${entityCount}`,
    );
  }
  const pick = new Picker(randomSource(seed));
  const counts = kindCounts(entityCount);
  const entities: Entity[] = [];
  const names = {
    group: new NameRegistry(),
    user: new NameRegistry(),
    domain: new NameRegistry(),
    system: new NameRegistry(),
    api: new NameRegistry(),
    resource: new NameRegistry(),
    component: new NameRegistry(),
  };
  const regional = (base: string, index: number, pool: number) =>
    index < pool ? base : `${base}-${REGIONS[Math.floor(index / pool - 1) % REGIONS.length]}`;

  // Groups: one organisation, departments under it, teams under the departments.
  const root = names.group.claim('headquarters');
  const departmentCount = Math.max(1, Math.round((counts.group - 1) * 0.1));
  const departments = Array.from({ length: departmentCount }, (_, i) =>
    names.group.claim(regional(DEPARTMENTS[i % DEPARTMENTS.length], i, DEPARTMENTS.length)),
  );
  const teams: Team[] = Array.from({ length: counts.group - 1 - departmentCount }, () => {
    const area = pick.pick(AREAS);
    return { name: names.group.claim(`${area}-${pick.pick(TEAM_NOUNS)}`), area };
  });
  const teamParent = teams.map(() => pick.pick(departments));
  const teamsByArea = new Map<string, Team[]>();
  const childrenOf = new Map<string, string[]>(departments.map((d) => [d, []]));
  teams.forEach((team, i) => {
    teamsByArea.set(team.area, [...(teamsByArea.get(team.area) ?? []), team]);
    childrenOf.get(teamParent[i])!.push(team.name);
  });
  const group = (name: string, type: string, parent: string | undefined, children: string[]): Entity => ({
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: {
      name,
      description: `The ${titleCase(name)} ${type}.`,
      annotations: {
        'slack.com/channel': `#${name}`,
        'slack.com/channel-id': `C${(entities.length + 100000).toString(36).toUpperCase()}`,
      },
    },
    spec: {
      type,
      profile: { displayName: titleCase(name), email: `${name}@example.com` },
      ...(parent ? { parent } : {}),
      children,
    },
  });
  entities.push(group(root, 'organization', undefined, departments));
  for (const department of departments) {
    entities.push(group(department, 'department', root, childrenOf.get(department)!));
  }
  teams.forEach((team, i) => {
    entities.push(group(team.name, 'team', teamParent[i], []));
  });

  // People: each in one team, some in two.
  for (let i = 0; i < counts.user; i++) {
    const first = pick.pick(FIRST_NAMES);
    const last = pick.pick(LAST_NAMES);
    const name = names.user.claim(`${first}-${last}`);
    const memberOf = pick.some(teams, pick.chance(0.15) ? 2 : 1).map((t) => t.name);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'User',
      metadata: { name },
      spec: { profile: { displayName: titleCase(name), email: `${name.replace(/-/g, '.')}@example.com` }, memberOf },
    });
  }

  const ownerFor = (area: string) => {
    const local = pick.chance(0.8) ? teamsByArea.get(area) : undefined;
    return (local ? pick.pick(local) : pick.pick(teams)).name;
  };

  const domains = Array.from({ length: counts.domain }, (_, i) => {
    const area = AREAS[i % AREAS.length];
    return { name: names.domain.claim(regional(area, i, AREAS.length)), area };
  });
  for (const { name, area } of domains) {
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Domain',
      metadata: {
        name,
        title: titleCase(name),
        description: `Everything ${area.replace(/-/g, ' ')}: the systems that run it and the teams that own them.`,
      },
      spec: { owner: ownerFor(area) },
    });
  }

  const systems: SystemInfo[] = [];
  const systemsByName = new Map<string, SystemInfo>();
  for (let i = 0; i < counts.system; i++) {
    const { name: domain, area } = pick.pick(domains);
    const name = names.system.claim(
      regional(`${area}-${pick.pick(SYSTEM_NOUNS)}`, i, AREAS.length * SYSTEM_NOUNS.length),
    );
    const owner = ownerFor(area);
    systems.push({ name, area, owner });
    systemsByName.set(name, { name, area, owner });
    entities.push({
      apiVersion: API_VERSION,
      kind: 'System',
      metadata: {
        name,
        title: titleCase(name),
        description: `${pick.pick(VERBS)} ${area} ${pick.pick(NOUNS).replace(/-/g, ' ')}s for ${pick.pick(AUDIENCES)}.`,
      },
      spec: { owner, domain },
    });
  }

  const describe = (area: string, noun: string) =>
    `${pick.pick(VERBS)} ${area.replace(/-/g, ' ')} ${noun.replace(/-/g, ' ')}s for ${pick.pick(AUDIENCES)}.`;
  const inSystem = () => {
    const system = pick.pick(systems);
    return { system, area: pick.chance(0.7) ? system.area : pick.pick(AREAS) };
  };

  const resources: string[] = [];
  for (let i = 0; i < counts.resource; i++) {
    const { system, area } = inSystem();
    const noun = pick.pick(NOUNS);
    const kind = pick.pick(RESOURCE_KINDS);
    const name = names.resource.claim(`${area}-${noun}-${kind.suffix}`);
    resources.push(name);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Resource',
      metadata: {
        name,
        description: `${titleCase(kind.type.replace(/-/g, ' '))} holding ${area.replace(/-/g, ' ')} ${noun.replace(/-/g, ' ')} data.`,
        tags: kind.tags,
      },
      spec: { type: kind.type, owner: pick.chance(0.9) ? system.owner : ownerFor(area), system: system.name },
    });
  }

  const apis: Array<{ name: string; area: string; owner: string; system: string }> = [];
  for (let i = 0; i < counts.api; i++) {
    const { system, area } = inSystem();
    const noun = pick.pick(NOUNS);
    const type = pick.pick(['openapi', 'openapi', 'openapi', 'grpc', 'asyncapi']);
    const suffix = type === 'asyncapi' ? 'events' : type === 'grpc' ? 'grpc' : 'api';
    const name = names.api.claim(`${area}-${noun}-${suffix}`);
    const owner = pick.chance(0.9) ? system.owner : ownerFor(area);
    apis.push({ name, area, owner, system: system.name });
    entities.push({
      apiVersion: API_VERSION,
      kind: 'API',
      metadata: {
        name,
        description: describe(area, noun),
        tags: [type === 'openapi' ? 'rest' : type === 'grpc' ? 'grpc' : 'events'],
      },
      spec: {
        type,
        lifecycle: pick.pick(LIFECYCLES),
        owner,
        system: system.name,
        definition: apiDefinition(type, name, noun),
      },
    });
  }

  // Components: every API gets a provider first, so none is orphaned; the rest provide none.
  for (let i = 0; i < counts.component; i++) {
    const provided = i < apis.length ? apis[i] : undefined;
    const { system, area } = provided
      ? { system: systemsByName.get(provided.system)!, area: provided.area }
      : inSystem();
    const noun = pick.pick(NOUNS);
    const suffix = pick.pick(provided ? API_PROVIDER_SUFFIXES : COMPONENT_SUFFIXES);
    const name = names.component.claim(`${area}-${noun}-${suffix}`);
    const type = COMPONENT_TYPES[suffix];
    const tags = [
      pick.pick(LANGUAGE_TAGS),
      ...pick.some(PLATFORM_TAGS, 2),
      ...(pick.chance(0.4) ? [pick.pick(CONCERN_TAGS)] : []),
    ];
    const spec: Record<string, unknown> = {
      type,
      lifecycle: pick.pick(LIFECYCLES),
      owner: provided?.owner ?? (pick.chance(0.9) ? system.owner : ownerFor(area)),
      system: system.name,
    };
    if (provided) spec.providesApis = [provided.name];
    const consumed = pick
      .some(apis, Math.floor(pick.random() * 3))
      .map((a) => a.name)
      .filter((n) => n !== provided?.name);
    if (consumed.length) spec.consumesApis = consumed;
    const dependsOn = pick.some(resources, Math.floor(pick.random() * 3)).map((r) => `resource:${r}`);
    if (dependsOn.length) spec.dependsOn = dependsOn;
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: {
        name,
        ...(pick.chance(0.3) ? { title: titleCase(name) } : {}),
        description: describe(area, noun),
        tags: [...new Set(tags)],
        annotations: { 'github.com/project-slug': `${GITHUB_ORG}/${name}`, 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec,
    });
  }
  return entities;
}

function apiDefinition(type: string, name: string, noun: string): string {
  const resource = noun.replace(/-/g, '_');
  if (type === 'grpc') {
    const service = titleCase(noun).replace(/ /g, '');
    return `syntax = "proto3";\n\nservice ${service}Service {\n  rpc Get${service} (Get${service}Request) returns (${service});\n}\n\nmessage Get${service}Request {\n  string id = 1;\n}\n\nmessage ${service} {\n  string id = 1;\n}\n`;
  }
  if (type === 'asyncapi') {
    return `asyncapi: 2.6.0\ninfo:\n  title: ${name}\n  version: 1.0.0\nchannels:\n  ${resource}.updated:\n    subscribe:\n      message:\n        payload:\n          type: object\n`;
  }
  return `openapi: 3.0.3\ninfo:\n  title: ${name}\n  version: 1.0.0\npaths:\n  /${resource}s/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: The ${noun.replace(/-/g, ' ')}\n`;
}

/**
 * Writes the entities as multi-document catalog-info files, `perFile` to a file, one folder per
 * kind (`<dir>/component/catalog-info-0001.yaml`). Returns the paths written, relative to `dir`.
 */
export async function writeOrganisation(dir: string, entities: Entity[], perFile = 250): Promise<string[]> {
  if (!Number.isInteger(perFile) || perFile < 1)
    throw new RangeError(`perFile must be a whole number of at least 1, not ${perFile}`);
  const byKind = new Map<string, Entity[]>();
  for (const entity of entities) {
    const kind = entity.kind.toLowerCase();
    const list = byKind.get(kind);
    if (list) list.push(entity);
    else byKind.set(kind, [entity]);
  }
  const written: string[] = [];
  for (const [kind, list] of byKind) {
    await mkdir(join(dir, kind), { recursive: true });
    for (let start = 0; start < list.length; start += perFile) {
      const path = join(kind, `catalog-info-${String(start / perFile + 1).padStart(4, '0')}.yaml`);
      const text = list
        .slice(start, start + perFile)
        .map((entity) => dump(entity, { lineWidth: -1, noRefs: true }))
        .join('---\n');
      await writeFile(join(dir, path), text);
      written.push(path);
    }
  }
  return written;
}
