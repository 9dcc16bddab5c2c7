// /docs <words>: where an entity's documentation lives: TechDocs, its links, source and README.
import type { DocLink } from '../src/portal/index.js';
import {
  actions,
  ANSWER_ACTIONS,
  bold,
  escapeMrkdwn,
  header,
  link,
  listSection,
  section,
  type Block,
  type CommandContext,
} from '../src/slack/index.js';
import { displayName, kindLine } from './shared/catalog-text.js';
import { entityCommand, openButton, type EntityReply } from './shared/entity-command.js';

const SECTIONS: Array<[DocLink['kind'], string]> = [
  ['techdocs', 'TechDocs'],
  ['link', 'Links'],
  ['readme', 'README'],
  ['source', 'Source'],
];

async function docsReply(ref: string, ctx: CommandContext): Promise<EntityReply | undefined> {
  const found = await ctx.portal.docs(ref);
  if (!found) return undefined;
  const name = displayName(found.summary);
  const blocks: Block[] = [header(`Docs for ${name}`), section(`_${escapeMrkdwn(kindLine(found.summary))}_`)];
  for (const [kind, label] of SECTIONS) {
    const links = found.links.filter((l) => l.kind === kind);
    if (links.length)
      blocks.push(
        listSection(
          bold(label),
          links.map((l) => `• ${link(l.url, l.title)}`),
        ),
      );
  }
  if (!found.links.length) {
    blocks.push(
      section(
        '_No documentation is linked._ Add `backstage.io/techdocs-ref`, `metadata.links` or `backstage.io/source-location` to its catalog-info.yaml.',
      ),
    );
  }
  blocks.push(...actions([openButton('service', `${name}: card`, found.summary.ref)], ANSWER_ACTIONS));
  return {
    ref: found.summary.ref,
    text: found.links.length
      ? `Docs for ${name}: ${found.links.map((l) => l.title).join(', ')}`
      : `No docs linked for ${name}`,
    blocks,
  };
}

export const docs = entityCommand({
  name: 'docs',
  description: 'The documentation of a service, API or system: TechDocs, links, source, README.',
  usageHint: '<name, words or repository URL>',
  examples: ['/docs payments', '/docs payments-api'],
  people: false,
  answer: docsReply,
});
