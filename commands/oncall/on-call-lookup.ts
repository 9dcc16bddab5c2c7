// Who is on call for a catalog entity, as commands need it: the providers' answers, Slack ids
// for everyone named, and whether the entity (or its owner) can be paged.
import type { OnCallAnswer } from '../../src/oncall/index.js';
import type { AnnotatedEntity } from '../../src/portal/index.js';
import type { CommandContext } from '../../src/slack/index.js';

export interface OnCallView {
  /** The entity, its owner, the owner's parents: where annotations were looked for. */
  chain: AnnotatedEntity[];
  /** Absent when live on-call is not wired in (answers then show the providers' links). */
  answers?: OnCallAnswer[];
  /** Slack user ids by lower-cased email, for every person the answers name. */
  ids: Map<string, string>;
  /** The nearest entity with a PagerDuty integration key: paging goes there. */
  pageable?: AnnotatedEntity;
  now: Date;
}

export const INTEGRATION_KEY = 'pagerduty.com/integration-key';

export async function lookUpOnCall(ctx: CommandContext, ref: string): Promise<OnCallView> {
  const chain = await ctx.portal.ownershipChain(ref);
  const answers = ctx.onCall ? await ctx.onCall.lookup(chain) : undefined;
  const ids = await ctx.slackUserIds(peopleEmails(answers ?? []));
  return { chain, answers, ids, pageable: pageableIn(chain), now: ctx.onCall?.currentTime() ?? new Date() };
}

export function pageableIn(chain: AnnotatedEntity[]): AnnotatedEntity | undefined {
  return chain.find((entity) => entity.annotations[INTEGRATION_KEY]?.trim());
}

export function peopleEmails(answers: OnCallAnswer[]): string[] {
  return answers.flatMap((a) => [...(a.roster?.now ?? []), ...(a.roster?.next ?? [])]).flatMap((s) => (s.person.email ? [s.person.email] : []));
}
