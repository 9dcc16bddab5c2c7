// Who is on call for a catalog entity, as commands need it: the providers' answers, Slack ids
// for everyone named, and whether the entity (or its owner) can be paged.
import type { OnCallAnswer, OnCallShift } from '../../src/oncall/index.js';
import type { AnnotatedEntity, Portal } from '../../src/portal/index.js';
import type { CommandContext } from '../../src/slack/index.js';

export interface OnCallView {
  /** Absent when live on-call is not wired in (answers then show the providers' links). */
  answers?: OnCallAnswer[];
  /** Slack user ids by lower-cased email, for every person the answers name. */
  ids: Map<string, string>;
  /** The nearest entity with a PagerDuty integration key (in the entity, its owner, the owner's parents): paging goes there. */
  pageable?: AnnotatedEntity;
  now: Date;
}

export const INTEGRATION_KEY = 'pagerduty.com/integration-key';

export async function lookUpOnCall(ctx: CommandContext, ref: string): Promise<OnCallView> {
  const chain = await ctx.portal.ownershipChain(ref);
  const answers = ctx.onCall ? await withCatalogNames(await ctx.onCall.lookup(chain), ctx.portal) : undefined;
  const ids = await ctx.slackUserIds(peopleEmails(answers ?? []));
  return { answers, ids, pageable: pageableIn(chain), now: ctx.onCall?.currentTime() ?? new Date() };
}

/**
 * Opsgenie names people by email only: where the catalog knows the email, show the person's name
 * instead (copies: the rosters themselves are shared through the cache).
 */
async function withCatalogNames(answers: OnCallAnswer[], portal: Portal): Promise<OnCallAnswer[]> {
  const bare = [
    ...new Set(
      answers
        .flatMap((a) => [...(a.roster?.now ?? []), ...(a.roster?.next ?? [])])
        .filter((s) => s.person.email && s.person.name === s.person.email)
        .map((s) => s.person.email!),
    ),
  ];
  if (!bare.length) return answers;
  const names = new Map<string, string>();
  await Promise.all(
    bare.map(async (email) => {
      const [user] = await portal.usersByEmail(email);
      if (user) names.set(email, user.displayName ?? user.name);
    }),
  );
  const named = (shift: OnCallShift): OnCallShift => {
    const name = shift.person.email && names.get(shift.person.email);
    return name && shift.person.name === shift.person.email ? { ...shift, person: { ...shift.person, name } } : shift;
  };
  return answers.map((a) =>
    a.roster ? { ...a, roster: { ...a.roster, now: a.roster.now.map(named), next: a.roster.next.map(named) } } : a,
  );
}

export function pageableIn(chain: AnnotatedEntity[]): AnnotatedEntity | undefined {
  return chain.find((entity) => entity.annotations[INTEGRATION_KEY]?.trim());
}

function peopleEmails(answers: OnCallAnswer[]): string[] {
  return answers
    .flatMap((a) => [...(a.roster?.now ?? []), ...(a.roster?.next ?? [])])
    .flatMap((s) => (s.person.email ? [s.person.email] : []));
}
