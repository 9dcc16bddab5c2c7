// /callboard help | status | search <words>: what Callboard can do, how the catalog is (scorecard
// files that could not be used and channels notices could not reach included), and a search
// across every kind.
import { noticeActionHandlers } from './notices/attention.js';
import { ownershipButtonHandlers } from './notices/ownership-buttons.js';
import type { CatalogStatus, FoundEntity, SyncRunSummary } from '../src/portal/index.js';
import { problemLine, type ScorecardProblem } from '../src/scorecards/types.js';
import {
  actionId,
  actions,
  bold,
  button,
  context,
  escapeMrkdwn,
  fieldSections,
  header,
  listSection,
  section,
  select,
  slackDate,
  truncate,
  type Block,
  type CommandAction,
  type CommandContext,
  type SlackMessage,
  type SlashCommand,
} from '../src/slack/index.js';
import { entityLine } from './shared/catalog-text.js';
import { service } from './service.js';

/** Hits listed with their own button; the rest (up to Slack's 100 options) go in a select. */
const LISTED_HITS = 15;
const SEARCH_LIMIT = 100;
/** Opens a card from the search results, keeping the words so the card can lead back to them. */
const OPEN_FROM_SEARCH = 'callboard.open';
const BACK_TO_RESULTS = 'callboard.results';
/** Slack's limit on a select option's value: longer searches open from the select without a way back. */
const OPTION_VALUE_CHARS = 150;

/** What an Open button or select option from the results carries: the entity and the search words. */
function openValue(ref: string, words: string, limit = Number.POSITIVE_INFINITY): string {
  const value = JSON.stringify({ r: ref, q: words });
  return value.length <= limit ? value : JSON.stringify({ r: ref });
}

function search(words: string, ctx: CommandContext): Promise<SlackMessage> {
  return ctx.portal.find(words, { limit: SEARCH_LIMIT }).then((hits) => searchMessage(words, hits));
}

/** The card opened from the results, with a way back to them. */
async function openFromSearch(value: string, ctx: CommandContext): Promise<SlackMessage> {
  let opened: { r?: unknown; q?: unknown };
  try {
    opened = JSON.parse(value) as { r?: unknown; q?: unknown };
  } catch {
    opened = { r: value };
  }
  const message = await service.open(typeof opened.r === 'string' ? opened.r : '', ctx);
  if (typeof opened.q !== 'string' || !opened.q) return message;
  const back = actions([button('Back to results', actionId(BACK_TO_RESULTS), opened.q)], 'search-back');
  return { ...message, blocks: [...message.blocks, ...back] };
}

async function handle(text: string, ctx: CommandContext): Promise<SlackMessage> {
  const [sub = '', ...rest] = text.trim().split(/\s+/);
  const words = rest.join(' ');
  switch (sub.toLowerCase()) {
    case 'status':
      return statusMessage(await ctx.portal.status(), ctx.scorecards?.problems ?? [], ctx.scaffoldProblems ?? []);
    case 'search':
      return words ? search(words, ctx) : help(ctx, 'Search for what? For example `/callboard search payments`.');
    case '':
    case 'help':
      return help(ctx);
    default:
      return help(ctx, `“${sub}” is not a /callboard subcommand.`);
  }
}

function help(ctx: CommandContext, note?: string): SlackMessage {
  const lines = ctx.commands.map(
    (c) =>
      `${bold(`/${c.name} ${c.usageHint}`)}\n${escapeMrkdwn(c.description)}\n${c.examples.map((e) => `\`${escapeMrkdwn(e)}\``).join('  ')}`,
  );
  const blocks: Block[] = [header('Callboard')];
  if (note) blocks.push(section(`:information_source: ${escapeMrkdwn(note)}`));
  blocks.push(
    section(
      'Callboard answers questions about the software catalog. Answers are visible only to you until you press *Share in channel*.',
    ),
  );
  blocks.push(...lines.map((line) => section(line)));
  return {
    text: `${note ? `${note} ` : ''}Callboard commands: ${ctx.commands.map((c) => `/${c.name}`).join(', ')}`,
    blocks,
  };
}

/** The figures of a sync run worth a line in Slack, in the words a platform engineer uses. */
const RUN_FIGURES: Array<[key: string, label: string]> = [
  ['repositoriesSeen', 'repositories seen'],
  ['repositoriesChanged', 'changed'],
  ['repositoriesFailed', 'failed'],
  ['failedReads', 'reads failed (what they had is kept)'],
  ['added', 'entities added'],
  ['updated', 'updated'],
  ['removed', 'removed'],
  ['restRequests', 'REST requests'],
  ['graphqlPoints', 'GraphQL points'],
];

function runLine(run: SyncRunSummary): string {
  const icon =
    run.status === 'succeeded'
      ? ':white_check_mark:'
      : run.status === 'running'
        ? ':hourglass_flowing_sand:'
        : run.status === 'interrupted' || run.status === 'partial'
          ? ':warning:'
          : ':x:';
  const figures = RUN_FIGURES.filter(([key]) => typeof run.stats[key] === 'number').map(
    ([key, label]) => `${run.stats[key]} ${label}`,
  );
  const error = run.error ? `\n_${escapeMrkdwn(truncate(run.error, 300))}_` : '';
  return `${icon} ${bold(run.source)} ${escapeMrkdwn(run.status)}, ${slackDate(run.finishedAt ?? run.startedAt)}${figures.length ? `\n${escapeMrkdwn(figures.join(', '))}` : ''}${error}`;
}

function statusMessage(
  status: CatalogStatus,
  scorecardProblems: readonly ScorecardProblem[],
  scaffoldProblems: readonly string[],
): SlackMessage {
  const kinds = Object.entries(status.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(' · ');
  const sync = status.lastSync;
  const problemLines = status.problemsByLocation.flatMap(({ location, problems }) =>
    problems.map(
      (p) =>
        `${bold(location)} · \`${escapeMrkdwn(p.file)}\`${p.field ? ` (${escapeMrkdwn(p.field)})` : ''}: ${escapeMrkdwn(truncate(p.message, 300))}`,
    ),
  );
  const shown = status.problemsByLocation.reduce((n, l) => n + l.problems.length, 0);
  const blocks: Block[] = [
    header('Catalog status'),
    ...fieldSections([
      ['Entities', String(status.entities)],
      ['Problems', String(status.problems)],
    ]),
    context(kinds ? escapeMrkdwn(kinds) : 'The catalog is empty.'),
    section(
      `${bold('Last sync')}\n${status.lastSyncBySource.length ? status.lastSyncBySource.map(runLine).join('\n') : '_never synced_'}`,
    ),
  ];
  if (problemLines.length) {
    blocks.push(
      listSection(`Problems${status.problems > shown ? ` (first ${shown} of ${status.problems})` : ''}`, problemLines),
    );
  }
  if (scorecardProblems.length) {
    // A scorecard file that could not be used: the other scorecards still score.
    blocks.push(
      listSection(
        `Scorecard problems (${scorecardProblems.length}): these files are not scored until fixed`,
        scorecardProblems.map((p) => `\`${escapeMrkdwn(truncate(problemLine(p), 400))}\``),
      ),
    );
  }
  if (scaffoldProblems.length) {
    // An action module that could not be loaded: every other action and template still works.
    blocks.push(
      listSection(
        `/create problems (${scaffoldProblems.length}): templates needing these actions are unavailable`,
        scaffoldProblems.map((p) => `\`${escapeMrkdwn(truncate(p, 400))}\``),
      ),
    );
  }
  if (status.deliveryIssues.length) {
    blocks.push(
      listSection(
        'Notices could not reach these channels (their teams are told by DM meanwhile)',
        status.deliveryIssues.map(
          (issue) =>
            `${/^[CGD][A-Z0-9]{2,}$/.test(issue.channel) ? `<#${issue.channel}>` : escapeMrkdwn(issue.channel)} (${escapeMrkdwn(issue.teamRef ?? 'platform channel')}): ${escapeMrkdwn(issue.error)}, ${slackDate(issue.seenAt)}`,
        ),
      ),
    );
  }
  return {
    text: `Catalog: ${status.entities} entities, ${status.problems} problems, last sync ${sync ? sync.status : 'never'}${scorecardProblems.length ? `, ${scorecardProblems.length} scorecard problems` : ''}`,
    blocks,
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
    section(
      `${bold(`${hits.length}${hits.length === SEARCH_LIMIT ? '+' : ''} match${hits.length === 1 ? '' : 'es'}`)} for “${escapeMrkdwn(words)}”`,
    ),
    ...listed.map((hit, i) =>
      section(
        entityLine(hit.summary),
        button('Open', actionId(OPEN_FROM_SEARCH, i), openValue(hit.summary.ref, words)),
      ),
    ),
  ];
  const picker = select(
    `${more.length} more…`,
    actionId(OPEN_FROM_SEARCH, LISTED_HITS),
    more.map((hit) => ({
      label: `${hit.summary.title ?? hit.summary.name} (${hit.summary.kind})`,
      value: openValue(hit.summary.ref, words, OPTION_VALUE_CHARS),
    })),
  );
  if (picker) blocks.push(section('More matches:', picker));
  return { text: `${hits.length} matches for ${words}`, blocks };
}

export const callboard: SlashCommand = {
  name: 'callboard',
  description: "Help, the catalog's status, or a search across every kind.",
  usageHint: 'help | status | search <words>',
  examples: ['/callboard help', '/callboard status', '/callboard search payments'],
  handle,
  actions: [
    { id: OPEN_FROM_SEARCH, handle: openFromSearch },
    { id: BACK_TO_RESULTS, handle: search },
    // App Home's notice buttons (Snooze a week, Not ours) are answered here.
    ...noticeActionHandlers,
    ...ownershipButtonHandlers,
  ] satisfies CommandAction[],
};
