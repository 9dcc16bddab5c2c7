// Where a team's notices go: the team's Slack channel when the catalog names one
// (slack.com/channel-id); else its members by DM, at most a configured few, in one group DM;
// else (and for entities with no owner) the platform channel. A channel Slack refused lately is
// skipped for a day, so one gone channel does not cost a failed call per batch.
import type { CatalogStore } from '../store/catalog-store.js';
import type { DeliveryIssue } from '../store/notice-store.js';
import type { NoticeMessenger, RouteReason } from './messenger.js';

export interface Route {
  reason: RouteReason;
  /** A channel to post in (team or platform channel). */
  channel?: string;
  /** People to tell in one (group) DM. */
  users?: string[];
}

interface RoutingSettings {
  /** The channel that hears notices nobody else can (NOTICES_PLATFORM_CHANNEL). */
  platformChannel?: string;
  /** Members told by DM when a team has no channel (NOTICES_MAX_DMS). */
  maxDirectMessages: number;
}

const RETRY_GONE_CHANNEL_AFTER_MS = 24 * 3600_000;

export class NoticeRouter {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly messenger: Pick<NoticeMessenger, 'slackUserIds'>,
    private readonly settings: RoutingSettings,
    private readonly issues: () => Promise<DeliveryIssue[]>,
  ) {}

  /** The route for a team's notices; undefined when nobody can be reached (no platform channel set). */
  async route(ownerRef: string | null, now: Date, options: { skipChannel?: boolean } = {}): Promise<Route | undefined> {
    const platform = this.platform();
    if (!ownerRef) return platform;
    const owner = await this.catalog.getEntity(ownerRef);
    if (!owner) return platform;
    const annotations = owner.entity.metadata.annotations ?? {};
    if (owner.kind === 'user') {
      const users = await this.slackIds([owner.entity.spec?.profile]);
      return users.length ? { reason: 'user', users } : platform;
    }
    const channel = annotations['slack.com/channel-id'];
    if (channel && !options.skipChannel && !(await this.recentlyRefused(channel, now))) {
      return { reason: 'team-channel', channel };
    }
    const members = await this.catalog.getEntities(
      (await this.catalog.relationsFrom(ownerRef, ['hasMember'])).map((relation) => relation.target),
    );
    const users = await this.slackIds(members.map((member) => member.entity.spec?.profile));
    if (users.length) return { reason: 'members', users: users.slice(0, this.settings.maxDirectMessages) };
    return platform;
  }

  private platform(): Route | undefined {
    return this.settings.platformChannel ? { reason: 'platform', channel: this.settings.platformChannel } : undefined;
  }

  private async recentlyRefused(channel: string, now: Date): Promise<boolean> {
    const issue = (await this.issues()).find((found) => found.channel === channel);
    return issue !== undefined && now.getTime() - issue.seenAt.getTime() < RETRY_GONE_CHANNEL_AFTER_MS;
  }

  private async slackIds(profiles: unknown[]): Promise<string[]> {
    const emails = profiles
      .map((profile) => (profile as { email?: unknown } | undefined)?.email)
      .filter((email): email is string => typeof email === 'string' && email.includes('@'))
      .map((email) => email.toLowerCase());
    if (!emails.length) return [];
    const ids = await this.messenger.slackUserIds(emails);
    return [...new Set(emails.map((email) => ids.get(email)).filter((id): id is string => Boolean(id)))].sort();
  }
}
