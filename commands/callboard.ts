// /callboard help | status | search <words>: what Callboard can do, how the catalog is, and a
// search across every kind.
import type { CatalogStatus, FoundEntity } from '../src/portal/index.js';
import {
  actionId, bold, button, context, escapeMrkdwn, fieldSections, header, section, select, slackDate,
  type Block, type CommandContext, type SlackMessage, type SlashCommand,
} from '../src/slack/index.js';
import { entityLine } from '../src/slack/catalog-text.js';
import { OPEN_CARD } from './service.js';

/** Hits listed with their own button; the rest (up to Slack's 100 options) go in a select. */
const LISTED_HITS = 15;
const SEARCH_LIMIT = 100;

async function handle(text: string, ctx: CommandContext): Promise<SlackMessage> {
  const [sub = '', ...rest] = text.trim().split(/\s+/);
  const words = rest.join(' ');
  switch (sub.toLowerCase()) {
    case 'status': return statusMessage(await ctx.portal.status());
    case 'search': return words ? searchMessage(words, await ctx.portal.find(words, { limit: SEARCH_LIMIT })) : help(ctx, 'Search for what? For example `/callboard search payments`.');
    case '': case 'help': return help(ctx);
    default: return help(ctx, `“${sub}” is not a /callboard subcommand.`);
  }
}

function help(ctx: CommandContext, note?: string): SlackMessage {
  const lines = ctx.commands.map((c) => `${bold(`/${c.name} ${c.usageHint}`)}\n${escapeMrkdwn(c.description)}\n${c.examples.map((e) => `\`${escapeMrkdwn(e)}\``).join('  ')}`);
  const blocks: Block[] = [header('Callboard')];
  if (note) blocks.push(section(`:information_source: ${escapeMrkdwn(note)}`));
  blocks.push(section('Callboard answers questions about the software catalog. Answers are visible only to you until you press *Share in channel*.'));
  blocks.push(...lines.map((line) => section(line)));
  return { text: `${note ? `${note} ` : ''}Callboard commands: ${ctx.commands.map((c) => `/${c.name}`).join(', ')}`, blocks };
}

function statusMessage(status: CatalogStatus): SlackMessage {
  const kinds = Object.entries(status.byKind).sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind}: ${n}`).join(' · ');
  const sync = status.lastSync;
  const syncText = sync
    ? `${sync.status === 'succeeded' ? ':white_check_mark:' : sync.status === 'running' ? ':hourglass_flowing_sand:' : ':x:'} ${escapeMrkdwn(sync.status)} (${escapeMrkdwn(sync.source)}), ${slackDate(sync.finishedAt ?? sync.startedAt)}`
    : '_never synced_';
  return {
    text: `Catalog: ${status.entities} entities, ${status.problems} problems, last sync ${sync ? sync.status : 'never'}`,
    blocks: [
      header('Catalog status'),
      ...fieldSections([
        ['Entities', String(status.entities)],
        ['Problems', status.problems ? `${status.problems} (see \`callboard sync\`)` : '0'],
        ['Last sync', syncText],
      ]),
      context(kinds ? escapeMrkdwn(kinds) : 'The catalog is empty.'),
    ],
  };
}

function searchMessage(words: string, hits: FoundEntity[]): SlackMessage {
  if (!hits.length) {
    const text = `Nothing in the catalog matches “${words}”.`;
    return { text, blocks: [section(`:mag: ${escapeMrkdwn(text)}`)] };
  }
  const listed = hits.slice(0, LISTED_HITS);
  const more = hits.slice(LISTED_HITS);
  const blocks: Block[] = [
    section(`${bold(`${hits.length}${hits.length === SEARCH_LIMIT ? '+' : ''} match${hits.length === 1 ? '' : 'es'}`)} for “${escapeMrkdwn(words)}”`),
    ...listed.map((hit, i) => section(entityLine(hit.summary), button('Open', actionId(OPEN_CARD, i), hit.summary.ref))),
  ];
  const picker = select(`${more.length} more…`, actionId(OPEN_CARD, LISTED_HITS), more.map((hit) => ({ label: `${hit.summary.title ?? hit.summary.name} (${hit.summary.kind})`, value: hit.summary.ref })));
  if (picker) blocks.push(section('More matches:', picker));
  return { text: `${hits.length} matches for ${words}`, blocks };
}

export const callboard: SlashCommand = {
  name: 'callboard',
  description: 'Help, the catalog\'s status, or a search across every kind.',
  usageHint: 'help | status | search <words>',
  examples: ['/callboard help', '/callboard status', '/callboard search payments'],
  handle,
};
