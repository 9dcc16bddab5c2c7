// What an on-call provider answers, and the small interface a provider implements: a third
// provider is one file that reads its annotations and asks its API.

export interface OnCallPerson {
  name: string;
  /** How the person becomes a Slack mention (users.lookupByEmail). */
  email?: string;
}

export interface OnCallShift {
  /** Escalation level, 1 first. */
  level: number;
  person: OnCallPerson;
  /** The schedule the shift comes from; absent when someone is on the level directly. */
  schedule?: string;
  start?: Date;
  /** When the shift ends; absent when the provider does not say or the person is always on call. */
  end?: Date;
}

export interface OnCallRoster {
  /** The escalation policy or team, as the provider names it. */
  name: string;
  url?: string;
  /** Who is on call now, level 1 first. */
  now: OnCallShift[];
  /** The level-1 shifts that follow the current ones, when the provider tells. */
  next: OnCallShift[];
}

/** One annotation's worth of "whom to ask": a PagerDuty service, an Opsgenie team. */
export interface OnCallTarget {
  provider: string;
  /** What the value is, e.g. `service`, `integration-key`, `team`. */
  kind: string;
  value: string;
}

export interface OnCallProvider {
  readonly id: string;
  /** How users know it: `PagerDuty`. */
  readonly label: string;
  /** The variable that turns live answers on, named in answers while it is unset. */
  readonly setting: string;
  /** False without credentials: answers then show the link only. */
  readonly configured: boolean;
  /** The targets an entity's annotations name for this provider (none: not annotated). */
  targets(annotations: Record<string, string>): OnCallTarget[];
  /** A page in the provider's web app for this target, for people with a seat. */
  link(target: OnCallTarget): string | undefined;
  /**
   * The key rosters are cached under (PagerDuty: the escalation policy), found from the target.
   * May ask the provider; the directory caches the answer for longer than rosters.
   */
  rosterKey(target: OnCallTarget, signal: AbortSignal): Promise<string>;
  /** Who is on call at `now` for a roster key. */
  roster(key: string, now: Date, signal: AbortSignal): Promise<OnCallRoster>;
}
