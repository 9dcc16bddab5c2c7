// Mention Callboard in a channel (`@callboard who owns payments?`) or DM it the same question:
// the question is read deterministically (commands/ask/question-answer.ts) and answered in the
// mention's thread, or in the DM. Bots' messages, edits and other subtypes are ignored, so
// Callboard never answers itself.
import type { App } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { OnCallDirectory } from '../../src/oncall/index.js';
import type { Portal } from '../../src/portal/index.js';
import type { ScorecardViews } from '../../src/scorecards/scorecard-views.js';
import { commandContext } from '../../src/slack/command-context.js';
import type { ListenerModule } from '../../src/slack/index.js';
import type { Registry } from '../../src/slack/registry.js';
import { createSlackUserIdLookup } from '../../src/slack/slack-user-ids.js';
import type { Stores } from '../../src/store/index.js';
import { answerQuestion } from './question-answer.js';

interface QuestionDeps {
  portal: Portal;
  stores: Pick<Stores, 'catalog' | 'slackCache'>;
  onCall?: OnCallDirectory;
  /** What /scorecard reads, for "how is X scoring?". */
  scorecards?: ScorecardViews;
  logger: Logger;
}

interface IncomingMessage {
  text?: string;
  user?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
}

export function questionListeners(deps: QuestionDeps): ListenerModule {
  return { register: ({ app, registered }) => registerQuestions(app, registered, deps) };
}

function registerQuestions(app: App, registry: Registry, deps: QuestionDeps): void {
  const logger = deps.logger.child({ component: 'questions' });
  const lookupSlackUserIds = createSlackUserIdLookup(deps.stores.slackCache, deps.logger);

  const answer = async (
    event: IncomingMessage,
    client: Parameters<typeof commandContext>[2],
    threadTs: string | undefined,
  ) => {
    if (event.bot_id || event.subtype || !event.user || !client) return;
    const ctx = commandContext(
      { portal: deps.portal, commands: [], lookupSlackUserIds, onCall: deps.onCall, scorecards: deps.scorecards },
      event.user,
      client,
    );
    let message: Awaited<ReturnType<typeof answerQuestion>>;
    try {
      message = await answerQuestion(event.text ?? '', ctx, deps.stores.catalog);
    } catch (error) {
      logger.error({ err: error, user: event.user }, 'a question could not be answered');
      message = { text: 'Callboard could not answer just now. Try again in a minute.', blocks: [] };
    }
    await client.chat.postMessage({
      channel: event.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: message.text,
      ...(message.blocks.length ? { blocks: message.blocks } : {}),
    });
  };

  registry.events.push('app_mention');
  app.event('app_mention', async ({ event, client }) => {
    const e = event as unknown as IncomingMessage;
    await answer(e, client, e.thread_ts ?? e.ts);
  });

  registry.events.push('message.im');
  app.event('message', async ({ event, client }) => {
    const e = event as unknown as IncomingMessage;
    if (e.channel_type !== 'im') return;
    await answer(e, client, e.thread_ts);
  });
}
