// Where an entity's documentation lives, from the annotations and links Backstage users write.
import type { Entity } from '../catalog/types.js';
import type { DocLink } from './types.js';

interface DocLinkOptions {
  /** Where TechDocs sites are served; `<base>/<namespace>/<kind>/<name>` as Backstage lays them out. */
  docsBaseUrl?: string;
}

export function docLinks(entity: Entity, options: DocLinkOptions = {}): DocLink[] {
  const annotations = entity.metadata.annotations ?? {};
  const links: DocLink[] = [];
  const techdocsRef = annotations['backstage.io/techdocs-ref'];
  if (techdocsRef) {
    const namespace = entity.metadata.namespace ?? 'default';
    if (options.docsBaseUrl) {
      links.push({
        kind: 'techdocs',
        title: 'TechDocs',
        url: `${options.docsBaseUrl}/${encodeURIComponent(namespace.toLowerCase())}/${encodeURIComponent(entity.kind.toLowerCase())}/${encodeURIComponent(entity.metadata.name.toLowerCase())}`,
      });
    } else if (techdocsRef.startsWith('url:')) {
      links.push({ kind: 'techdocs', title: 'TechDocs source', url: techdocsRef.slice('url:'.length) });
    }
  }
  for (const link of entity.metadata.links ?? []) {
    links.push({ kind: 'link', title: link.title ?? link.url, url: link.url });
  }
  const source = sourceUrl(entity);
  if (source) links.push({ kind: 'source', title: 'Source code', url: source });
  const slug = annotations['github.com/project-slug'];
  if (slug && /^[\w.-]+\/[\w.-]+$/.test(slug)) {
    links.push({ kind: 'readme', title: 'README', url: `https://github.com/${slug}#readme` });
  }
  return dedupe(links);
}

/** The repository to link, from source-location (`url:` form) or the GitHub project slug. */
export function repositoryUrl(entity: Entity): string | undefined {
  const slug = entity.metadata.annotations?.['github.com/project-slug'];
  if (slug && /^[\w.-]+\/[\w.-]+$/.test(slug)) return `https://github.com/${slug}`;
  return sourceUrl(entity);
}

function sourceUrl(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.['backstage.io/source-location'];
  if (!location?.startsWith('url:')) return undefined;
  const url = location.slice('url:'.length);
  return /^https?:\/\//.test(url) ? url : undefined;
}

function dedupe(links: DocLink[]): DocLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    if (seen.has(link.url)) return false;
    seen.add(link.url);
    return true;
  });
}
