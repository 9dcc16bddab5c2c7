// Whether a person is on call now, and for what: their email among the current shifts of their
// teams' rosters (and of what their teams own that names its own on-call).
import type { OnCallAnswer } from '../../src/oncall/index.js';
import type { PersonCard } from '../../src/portal/index.js';
import type { CommandContext } from '../../src/slack/index.js';

interface PersonShift {
  /** What they are on call for: the team or entity whose annotation named the roster. */
  what: string;
  provider: string;
  level: number;
  end?: Date;
  /** From a last known roster, the provider being slow or failing now. */
  stale: boolean;
}

export interface PersonOnCall {
  shifts: PersonShift[];
  /** Providers that could not say (state unavailable or stale), in plain words. */
  problems: string[];
  /** True when no provider has credentials here: nothing could be checked. */
  off: boolean;
}

export async function personOnCall(ctx: CommandContext, card: PersonCard): Promise<PersonOnCall> {
  const email = card.person.email?.toLowerCase();
  if (!ctx.onCall) return { shifts: [], problems: [], off: true };
  const answers: OnCallAnswer[] = (
    await Promise.all(card.onCallChains.map((chain) => ctx.onCall!.lookup(chain)))
  ).flat();
  const shifts = new Map<string, PersonShift>();
  for (const answer of answers) {
    for (const shift of answer.roster?.now ?? []) {
      if (!email || shift.person.email?.toLowerCase() !== email) continue;
      const key = `${answer.source.ref}:${answer.provider.id}`;
      const known = shifts.get(key);
      if (known && known.level <= shift.level) continue;
      shifts.set(key, {
        what: answer.source.name,
        provider: answer.provider.label,
        level: shift.level,
        end: shift.end,
        stale: answer.state === 'stale',
      });
    }
  }
  const problems = [...new Set(answers.flatMap((a) => (a.problem ? [a.problem] : [])))];
  const checked = answers.filter((a) => a.state !== 'off');
  return {
    shifts: [...shifts.values()].sort((a, b) => a.level - b.level),
    problems,
    off: answers.length > 0 && !checked.length,
  };
}
