// App Home: whether the viewer is on call now, their teams' scorecard levels, what their teams
// own, and how healthy the catalog's sync is.
import type { CatalogStatus } from '../src/portal/index.js';
import {
  bold,
  context,
  divider,
  escapeMrkdwn,
  fieldSections,
  header,
  moreLine,
  section,
  slackDate,
  type Block,
  type CommandContext,
  type HomeTab,
  type HomeViewer,
} from '../src/slack/index.js';
import { displayName, entityLine } from './shared/catalog-text.js';
import { personOnCall } from './person/person-on-call.js';
import { timeText } from './oncall/on-call-text.js';
import { attentionBlocks } from './notices/attention.js';
import { openButton } from './shared/entity-command.js';

/** Owned entities shown with a button each; the view's 100 blocks leave room for the rest. */
const OWNED_SHOWN = 60;

async function render(viewer: HomeViewer, ctx: CommandContext): Promise<Block[]> {
  const [mine, status] = await Promise.all([
    viewer.email ? ctx.portal.homeFor(viewer.email) : Promise.resolve(undefined),
    ctx.portal.status(),
  ]);
  const blocks: Block[] = [header('Callboard')];
  if (!viewer.email) {
    blocks.push(
      section('Slack did not share your email address with Callboard, so it cannot tell which teams are yours.'),
    );
  } else if (!mine?.user) {
    blocks.push(
      section(
        `No catalog User has the email ${escapeMrkdwn(viewer.email)}. Add it as \`spec.profile.email\` on your User entity to see your teams' services here.`,
      ),
    );
  } else {
    const teams = mine.teams.map((t) => bold(displayName(t))).join(', ') || '_no team_';
    blocks.push(section(`Hello <@${viewer.userId}>. Your teams: ${teams}.`));
    blocks.push(...(await onCallBlocks(mine.user.ref, ctx)));
    blocks.push(
      ...(await scorecardBlocks(
        mine.teams.map((t) => t.ref),
        ctx,
      )),
    );
    const notices = await ctx.portal.notices?.openFor(mine.teams.map((team) => team.ref));
    blocks.push(...attentionBlocks(notices ?? []));
    blocks.push(header(`Owned by your teams (${mine.owned.length})`));
    if (!mine.owned.length) blocks.push(section('_Your teams own nothing in the catalog yet._'));
    blocks.push(
      ...mine.owned
        .slice(0, OWNED_SHOWN)
        .map((entity, i) => section(entityLine(entity), openButton('service', 'Open', entity.ref, i))),
    );
    if (mine.owned.length > OWNED_SHOWN)
      blocks.push(context(`${moreLine(mine.owned.length - OWNED_SHOWN)}: use \`/callboard search\` to find them.`));
  }
  blocks.push(divider(), header('Catalog health'), ...healthBlocks(status));
  blocks.push(
    context(
      'Try `/service payments`, `/owner payments`, `/oncall payments`, `/docs payments`, `/scorecard payments` or `/callboard help`.',
    ),
  );
  return blocks;
}

/** Your teams' entities by level on each scorecard, and the check they fail most. */
async function scorecardBlocks(teams: string[], ctx: CommandContext): Promise<Block[]> {
  if (!ctx.scorecards || !teams.length) return [];
  const standings = await ctx.scorecards.team(teams);
  return standings.map((s) => {
    const levels = s.byLevel
      .map((g) => `${bold(escapeMrkdwn(g.level ?? 'No level yet'))} ${g.entityRefs.length}`)
      .join(' · ');
    const worst = s.mostFailing[0];
    const failing = worst ? `\nFailing most: ${escapeMrkdwn(worst.check.title)} (${worst.count})` : '';
    return section(`:bar_chart: ${bold(escapeMrkdwn(s.scorecard.title))}: ${levels}${failing}`);
  });
}

/** "You are on call for … until …", when a provider says so; nothing otherwise. */
async function onCallBlocks(userRef: string, ctx: CommandContext): Promise<Block[]> {
  const card = ctx.onCall ? await ctx.portal.person(userRef) : undefined;
  if (!card) return [];
  const { shifts } = await personOnCall(ctx, card);
  const now = ctx.onCall!.currentTime();
  return shifts.map((s) => {
    const until = s.end ? ` until ${timeText(s.end, now)}` : '';
    const stale = s.stale ? ` _(last known: ${escapeMrkdwn(s.provider)} is not answering)_` : '';
    const what = `${bold(s.what)} (${escapeMrkdwn(s.provider)}, level ${s.level})`;
    return section(`:rotating_light: You are on call for ${what}${until}.${stale}`);
  });
}

function healthBlocks(status: CatalogStatus): Block[] {
  const sync = status.lastSync;
  const when = sync?.finishedAt ?? sync?.startedAt;
  return fieldSections([
    ['Entities', String(status.entities)],
    ['Problems', String(status.problems)],
    ['Last sync', sync ? `${escapeMrkdwn(sync.status)} (${escapeMrkdwn(sync.source)})` : '_never synced_'],
    ['Finished', when ? slackDate(when) : undefined],
  ]);
}

export const home: HomeTab = { render };
