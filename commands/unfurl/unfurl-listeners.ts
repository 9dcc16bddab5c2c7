// Link unfurls for the domains UNFURL_DOMAINS lists (Slack gives a domain's unfurls to the first
// app that claims it, and GitHub's app holds github.com): on `link_shared`, each link that names
// an entity Callboard knows gets `chat.unfurl` with its compact card (a Backstage entity page) or
// who is on call now (a PagerDuty service page). A link naming nothing the catalog holds gets no
// unfurl, never a wrong card; when no link does, chat.unfurl is not called at all.
import type { App } from '@slack/bolt';
import type { LinkSharedEvent } from '@slack/types';
import type { Logger } from '../../src/log.js';
import type { OnCallDirectory } from '../../src/oncall/index.js';
import type { Portal } from '../../src/portal/index.js';
import { unfurlTarget } from '../../src/ownership/unfurl-links.js';
import { commandContext } from '../../src/slack/command-context.js';
import type { ListenerModule } from '../../src/slack/index.js';
import type { Registry } from '../../src/slack/registry.js';
import { createSlackUserIdLookup } from '../../src/slack/slack-user-ids.js';
import type { Stores } from '../../src/store/index.js';
import { lookUpOnCall } from '../oncall/on-call-lookup.js';
import { entityUnfurl, onCallUnfurl } from './unfurl-answer.js';

/** Links unfurled per event at most: a message pasting a list is not worth a card for each. */
const MAX_LINKS = 10;

interface UnfurlDeps {
  portal: Portal;
  stores: Pick<Stores, 'catalog' | 'slackCache'>;
  onCall?: OnCallDirectory;
  /** UNFURL_DOMAINS: links to other domains are left alone. */
  domains: readonly string[];
  logger: Logger;
}

type Unfurls = Record<string, { blocks: ReturnType<typeof entityUnfurl>['blocks'] }>;
type Client = Parameters<typeof commandContext>[2];

export function unfurlListeners(deps: UnfurlDeps): ListenerModule {
  return { register: ({ app, registered }) => registerUnfurls(app, registered, deps) };
}

/** The unfurls for one link_shared event's links: only links that name something the catalog holds. */
async function unfurlsFor(deps: UnfurlDeps, event: LinkSharedEvent, client: Client): Promise<Unfurls> {
  const ctx = commandContext(
    {
      portal: deps.portal,
      commands: [],
      lookupSlackUserIds: createSlackUserIdLookup(deps.stores.slackCache, deps.logger),
      onCall: deps.onCall,
    },
    event.user,
    client,
  );
  const links = [...new Set(event.links.map((l) => l.url))].slice(0, MAX_LINKS);
  const unfurls: Unfurls = {};
  await Promise.all(
    links.map(async (url) => {
      const target = unfurlTarget(url, deps.domains);
      if (target?.kind === 'entity') {
        const card = await deps.portal.card(target.ref);
        if (card) unfurls[url] = entityUnfurl(card);
      } else if (target?.kind === 'pagerduty-service') {
        const [ref] = await deps.stores.catalog.refsByAnnotation('pagerduty.com/service-id', target.serviceId, 1);
        const card = ref ? await deps.portal.card(ref) : undefined;
        if (!card) return;
        const [owner, onCall] = await Promise.all([deps.portal.owner(ref), lookUpOnCall(ctx, ref)]);
        unfurls[url] = onCallUnfurl(target.serviceId, card.summary, owner, onCall);
      }
    }),
  );
  return unfurls;
}

function registerUnfurls(app: App, registry: Registry, deps: UnfurlDeps): void {
  const logger = deps.logger.child({ component: 'unfurl' });
  registry.events.push('link_shared');
  app.event('link_shared', async ({ event, client }) => {
    if (!deps.domains.length) return;
    let unfurls: Unfurls;
    try {
      unfurls = await unfurlsFor(deps, event, client);
    } catch (error) {
      logger.error({ err: error, channel: event.channel }, 'links could not be unfurled');
      return;
    }
    if (!Object.keys(unfurls).length) return;
    // A link still being typed (the composer) has no message yet: Slack then names it by unfurl_id.
    const target =
      event.source === 'composer' && event.unfurl_id
        ? { source: 'composer' as const, unfurl_id: event.unfurl_id }
        : { channel: event.channel, ts: event.message_ts };
    try {
      await client.chat.unfurl({ ...target, unfurls });
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'chat.unfurl failed');
    }
  });
}
