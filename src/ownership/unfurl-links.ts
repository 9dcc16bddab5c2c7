// What a link Slack asks Callboard to unfurl names, for the domains UNFURL_DOMAINS lists: a
// Backstage entity page (`/catalog/<namespace>/<kind>/<name>`, under any base path, with or
// without a tab after it) or a PagerDuty service page. Anything else names nothing, so it gets
// no unfurl rather than a guess. Pure.
import { PAGERDUTY_HOST, PAGERDUTY_SERVICE } from './things-named.js';

type UnfurlTarget = { kind: 'entity'; ref: string } | { kind: 'pagerduty-service'; serviceId: string };

const KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template', 'location']);
/** Backstage's namespace and name rule: up to 63 letters, digits, `-`, `_` and `.`, starting and ending alphanumeric. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const ENTITY_PAGE = /(?:^|\/)catalog\/([^/]{1,200})\/([^/]{1,200})\/([^/]{1,200})(?:\/|$)/;

/** Whether `host` is one of `domains` or under one (Slack unfurls a domain's subdomains with it). */
function isUnfurlHost(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

export function unfurlTarget(raw: string, domains: readonly string[]): UnfurlTarget | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!isUnfurlHost(url.hostname, domains)) return undefined;
  if (PAGERDUTY_HOST.test(url.hostname.toLowerCase())) {
    const service = PAGERDUTY_SERVICE.exec(url.pathname);
    return service ? { kind: 'pagerduty-service', serviceId: service[1] } : undefined;
  }
  const page = ENTITY_PAGE.exec(url.pathname);
  if (!page) return undefined;
  const [namespace, kind, name] = page.slice(1).map(decoded);
  if (!namespace || !kind || !name) return undefined;
  if (!KINDS.has(kind.toLowerCase()) || !NAME.test(namespace) || !NAME.test(name)) return undefined;
  return { kind: 'entity', ref: `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name.toLowerCase()}` };
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
