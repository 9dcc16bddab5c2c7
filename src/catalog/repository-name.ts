// A repository's name, `org/repo`, from any of the ways people write or paste its address, and
// the repositories an entity's annotations name. People paste a repository URL where a service's
// name is asked for; the catalog answers it through these names.
import type { Entity } from './types.js';

/** Annotations whose value is (or lies inside) the repository an entity lives in. */
export const REPOSITORY_ANNOTATIONS = [
  'github.com/project-slug',
  'backstage.io/source-location',
  'backstage.io/managed-by-location',
  'backstage.io/managed-by-origin-location',
] as const;

const SEGMENT = '[A-Za-z0-9_.-]+';
/** `org/repo`, nothing more: a project slug. */
const SLUG = new RegExp(`^(${SEGMENT})/(${SEGMENT})$`);
/** `git@host:org/repo(.git)`: the scp-like form git clones over SSH with. */
const SCP_LIKE = new RegExp(`^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+:/?(${SEGMENT})/(${SEGMENT})(?:/.*)?$`);
/** `scheme://[user@]host[:port]/org/repo[/anything]`, e.g. https, ssh, git+https. */
const WITH_SCHEME = new RegExp(
  `^[a-z][a-z0-9+.-]*://(?:[^@/]+@)?[A-Za-z0-9.-]+(?::\\d+)?/(${SEGMENT})/(${SEGMENT})(?:/.*)?$`,
  'i',
);
/** `host.tld/org/repo[/anything]`: a URL pasted without its scheme. */
const HOST_FIRST = new RegExp(`^(?:www\\.)?[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+/(${SEGMENT})/(${SEGMENT})(?:/.*)?$`);

export interface RepositoryNameOptions {
  /** Whether a bare `org/repo` counts (a project slug); without a host it may also be `namespace/name`. */
  allowSlug?: boolean;
}

/**
 * `org/repo`, lower-cased (hosts compare names case-insensitively), or undefined when `text` is
 * not a repository's address. The host is left out: GitHub's project slug has none, and one
 * organisation rarely keeps the same name on two hosts.
 */
export function repositoryName(text: string, options: RepositoryNameOptions = {}): string | undefined {
  const address = unwrap(text);
  if (!address || /\s/.test(address)) return undefined;
  const match =
    SCP_LIKE.exec(address) ??
    WITH_SCHEME.exec(address) ??
    HOST_FIRST.exec(address) ??
    (options.allowSlug ? SLUG.exec(address) : null);
  if (!match) return undefined;
  const repo = match[2].replace(/\.git$/i, '');
  if (!repo || repo === '.' || repo === '..' || match[1] === '.' || match[1] === '..') return undefined;
  return `${match[1]}/${repo}`.toLowerCase();
}

/** Strips what surrounds an address: Slack's `<url|label>`, Backstage's `url:`, `?query`, `#hash`, trailing `/`. */
function unwrap(text: string): string {
  let address = text.trim();
  const slackLink = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(address);
  if (slackLink) address = slackLink[1];
  address = address.replace(/^url:/i, '').replace(/[?#].*$/, '');
  return address.replace(/\/+$/, '');
}

/** Every repository `entity`'s annotations name, each once. */
export function entityRepositories(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const names = new Set<string>();
  for (const key of REPOSITORY_ANNOTATIONS) {
    const value = annotations[key];
    if (typeof value !== 'string') continue;
    const name = repositoryName(value, { allowSlug: key === 'github.com/project-slug' });
    if (name) names.add(name);
  }
  return [...names];
}
