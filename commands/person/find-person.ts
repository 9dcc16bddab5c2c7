// Words that name a person rather than a service: a Slack mention (`<@U123|amara>`, as Slack
// sends an escaped one), `@amara.mendes` (as typed, unescaped), or an email. Each leads to the
// catalog User it names, or to a sentence saying why none was found.
import { escapeMrkdwn, section, type CommandContext, type SlackMessage } from '../../src/slack/index.js';

type PersonLookup = { ref: string } | { problem: string } | undefined;

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
// No ':' or '/' after the @: `git@github.com:org/repo.git` is a repository's address, not an email.
const EMAIL = /^[^\s@]+@[^\s@:/]+\.[^\s@:/]+$/;

/** Undefined when the words are not person-shaped (they name a service, a team ...). */
export async function findPerson(words: string, ctx: CommandContext): Promise<PersonLookup> {
  const text = words.trim();
  const mention = MENTION.exec(text);
  if (mention) return byMention(mention[1], ctx);
  const bare = text.replace(/^@/, '');
  if (EMAIL.test(bare)) return byEmail(bare, ctx);
  if (!text.startsWith('@') || !bare) return undefined;
  const [hit] = await ctx.portal.find(bare, { kinds: ['user'], limit: 1 });
  return hit
    ? { ref: hit.summary.ref }
    : { problem: `No one in the catalog is called “${bare}”. Try their name or email.` };
}

async function byMention(userId: string, ctx: CommandContext): Promise<PersonLookup> {
  let email: string | undefined;
  try {
    email = await ctx.slackEmail?.(userId);
  } catch {
    email = undefined;
  }
  if (!email)
    return {
      problem: `Slack did not share <@${userId}>'s email, so Callboard cannot find them in the catalog. Try their name.`,
    };
  return byEmail(email, ctx);
}

async function byEmail(email: string, ctx: CommandContext): Promise<PersonLookup> {
  const [user] = await ctx.portal.usersByEmail(email);
  return user ? { ref: user.ref } : { problem: `No catalog User has the email ${email}.` };
}

/** Why no person was found, as a reply. */
export function personNotFound(problem: string): SlackMessage {
  return { text: problem, blocks: [section(`:mag: ${escapeMrkdwn(problem)}`)] };
}
