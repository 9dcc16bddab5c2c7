// The message shortcut "Who owns this?": acknowledged at once, then the message's text is read for
// what it names (src/ownership/things-named.ts), each thing's owner found (CODEOWNERS or the owning
// entity), with the team's channel and who is on call now, and the answer sent to the
// shortcut's response_url, visible to the one who asked. *Share in thread* posts one thing's answer
// in the message's thread for everyone.
import type { App, BlockAction, MessageShortcut } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { OnCallDirectory } from '../../src/oncall/index.js';
import { ownerFromAnywhere } from '../../src/portal/owner-from-anywhere.js';
import type { Portal } from '../../src/portal/index.js';
import { RepositoryFilesCache } from '../../src/portal/repository-files-cache.js';
import { thingsNamed } from '../../src/ownership/things-named.js';
import { commandContext } from '../../src/slack/command-context.js';
import { context, section, type ListenerModule } from '../../src/slack/index.js';
import { actionPattern, type Registry } from '../../src/slack/registry.js';
import { createSlackUserIdLookup } from '../../src/slack/slack-user-ids.js';
import type { Stores } from '../../src/store/index.js';
import { lookUpOnCall } from '../oncall/on-call-lookup.js';
import { messageText } from './message-text.js';
import { MAX_SHOWN, SHARE_IN_THREAD, type ThingDetails, whoOwnsMessage } from './who-owns-answer.js';

/** The message shortcut's callback id (manifest.yml: features.shortcuts). */
export const WHO_OWNS_SHORTCUT = 'callboard.who_owns';

interface WhoOwnsDeps {
  portal: Portal;
  stores: Pick<Stores, 'catalog' | 'slackCache' | 'codeOwners'>;
  onCall?: OnCallDirectory;
  logger: Logger;
}

export function whoOwnsListeners(deps: WhoOwnsDeps): ListenerModule {
  return { register: ({ app, registered }) => registerWhoOwns(app, registered, deps) };
}

/** Reads a message and answers who owns what it names: the shortcut's work after its ack. */
async function answerWhoOwns(
  deps: WhoOwnsDeps & { files: RepositoryFilesCache },
  message: unknown,
  who: { userId: string; client?: Parameters<typeof commandContext>[2]; channel?: string; threadTs?: string },
) {
  const { text, length } = messageText(message);
  const named = thingsNamed(text);
  const found = await ownerFromAnywhere(named, {
    store: deps.stores.catalog,
    files: await deps.files.current(),
    exactNames: async (word) =>
      (await deps.portal.find(word, { limit: 3 }))
        .filter((f) => f.match === 'exact' && f.summary.name === word)
        .map((f) => f.summary.ref),
    pagerDutyService: (id) => deps.stores.catalog.refsByAnnotation('pagerduty.com/service-id', id),
  });
  const ctx = commandContext(
    {
      portal: deps.portal,
      commands: [],
      lookupSlackUserIds: createSlackUserIdLookup(deps.stores.slackCache, deps.logger),
      onCall: deps.onCall,
    },
    who.userId,
    who.client,
  );
  const details: ThingDetails[] = await Promise.all(
    found.owned.slice(0, MAX_SHOWN).map(async (thing) => {
      const ref = thing.ownerRef ?? thing.entityRef;
      const [owner, onCall] = ref
        ? await Promise.all([deps.portal.owner(ref), lookUpOnCall(ctx, thing.entityRef ?? ref)])
        : [undefined, undefined];
      return { thing, owner, onCall };
    }),
  );
  details.push(...found.owned.slice(MAX_SHOWN).map((thing) => ({ thing })));
  return whoOwnsMessage(found, details, who, {
    truncated: named.truncated || length > named.read,
    length,
    readChars: named.read,
  });
}

function registerWhoOwns(app: App, registry: Registry, deps: WhoOwnsDeps): void {
  const logger = deps.logger.child({ component: 'who-owns' });
  const files = new RepositoryFilesCache(deps.stores.codeOwners);
  registry.messageShortcuts.push({ callbackId: WHO_OWNS_SHORTCUT, name: 'Who owns this?' });

  app.shortcut<MessageShortcut>({ callback_id: WHO_OWNS_SHORTCUT, type: 'message_action' }, async (args) => {
    const { ack, body, client, respond } = args;
    await ack();
    const message = body.message as { ts?: string; thread_ts?: string };
    try {
      const answer = await answerWhoOwns({ ...deps, files }, body.message, {
        userId: body.user.id,
        client,
        channel: body.channel?.id,
        threadTs: message.thread_ts ?? message.ts,
      });
      await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
    } catch (error) {
      logger.error({ err: error, user: body.user.id }, 'who owns this: the answer failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Callboard could not answer "Who owns this?" just now. Try again in a minute, or ask `/owner <name>`.',
      });
    }
  });

  registry.actions.push(SHARE_IN_THREAD);
  app.action<BlockAction>(actionPattern(SHARE_IN_THREAD), async ({ ack, body, client, respond }) => {
    await ack();
    const pressed = body.actions[0];
    let shared: { c?: unknown; t?: unknown; m?: unknown } = {};
    try {
      shared = JSON.parse(pressed?.type === 'button' ? (pressed.value ?? '') : '');
    } catch {
      shared = {};
    }
    if (typeof shared.c !== 'string' || typeof shared.t !== 'string' || typeof shared.m !== 'string') {
      await respond?.({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'This answer is out of date: ask again.',
      });
      return;
    }
    try {
      await client.chat.postMessage({
        channel: shared.c,
        thread_ts: shared.t,
        text: shared.m.split('\n')[0],
        blocks: [section(shared.m), context(`Shared by <@${body.user.id}> with Callboard's *Who owns this?*`)],
      });
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'who owns this: could not share');
      await respond?.({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Callboard could not post in that thread (is it a member of the channel?).',
      });
    }
  });
}
