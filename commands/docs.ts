// /docs <words>: where an entity's documentation lives: TechDocs, its links, source and README.
import type { DocLink } from '../src/portal/index.js';
import {
  actionId,
  actions,
  ANSWER_ACTIONS,
  bold,
  button,
  escapeMrkdwn,
  header,
  link,
  listSection,
  section,
  type Block,
  type CommandAction,
  type CommandContext,
  type SlackMessage,
  type SlashCommand,
} from '../src/slack/index.js';
import { displayName, kindLine } from './shared/catalog-text.js';
import { usage } from './shared/entity-choice.js';
import { answerEntity, gone } from './shared/entity-answer.js';
import { OPEN_CARD } from './service.js';

const OPEN_DOCS = 'docs.open';

const SECTIONS: Array<[DocLink['kind'], string]> = [
  ['techdocs', 'TechDocs'],
  ['link', 'Links'],
  ['readme', 'README'],
  ['source', 'Source'],
];

async function handle(text: string, ctx: CommandContext): Promise<SlackMessage> {
  const words = text.trim();
  if (!words) return usage('docs', docs.usageHint, docs.examples[0]);
  return answerEntity(words, ctx, { openAction: OPEN_DOCS, answer: docsMessage });
}

async function docsMessage(ref: string, ctx: CommandContext): Promise<SlackMessage> {
  const found = await ctx.portal.docs(ref);
  if (!found) return gone(ref);
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
  blocks.push(...actions([button(`${name}: card`, actionId(OPEN_CARD, 0), found.summary.ref)], ANSWER_ACTIONS));
  return {
    text: found.links.length
      ? `Docs for ${name}: ${found.links.map((l) => l.title).join(', ')}`
      : `No docs linked for ${name}`,
    blocks,
    share: { command: 'docs', text: found.summary.ref },
  };
}

const openDocs: CommandAction = { id: OPEN_DOCS, handle: docsMessage };

export const docs: SlashCommand = {
  name: 'docs',
  description: 'The documentation of a service, API or system: TechDocs, links, source, README.',
  usageHint: '<name, words or repository URL>',
  examples: ['/docs payments', '/docs payments-api'],
  handle,
  actions: [openDocs],
};
