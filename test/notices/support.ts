// A small catalog folder, a fake Slack that knows its people and channel, and notice services
// ("replicas") over the same stores, as the notice tests need them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { InProcessQueue, ManualClock } from '../../src/jobs/index.js';
import { createLogger } from '../../src/log.js';
import { NoticeService } from '../../src/notices/notice-service.js';
import type { SlackPeople } from '../../src/notices/slack-people.js';
import { FAKE_BOT_TOKEN, FakeSlack } from '../support/fake-slack.js';
import type { Stores } from '../../src/store/index.js';
import type { TestStores } from '../support/store.js';

export const TEAM_FILE = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
  annotations:
    slack.com/channel-id: C0PAYMENTS
spec:
  type: team
  children: []
  members: [amara]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: amara
spec:
  profile:
    email: amara@example.com
  memberOf: [payments-team]
`;

export const PAYMENTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;

export const PAYMENTS_BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  lifecycle: [production
  owner: payments-team
`;

export class NoticeWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'callboard-notices-'));
  readonly clock = new ManualClock('2026-12-07T10:00:00Z');
  private readonly services: Array<{ service: NoticeService; queue: InProcessQueue }> = [];

  private constructor(
    readonly stores: TestStores,
    readonly slack: FakeSlack,
  ) {}

  static async open(stores: TestStores): Promise<NoticeWorld> {
    const slack = await FakeSlack.start({
      users: [{ id: 'U0AMARA', name: 'amara', email: 'amara@example.com' }],
      channels: [
        { id: 'C0PAYMENTS', name: 'payments' },
        { id: 'C0PLATFORM', name: 'platform' },
      ],
    });
    const world = new NoticeWorld(stores, slack);
    world.write('team.yaml', TEAM_FILE);
    world.write('payments.yaml', PAYMENTS);
    await world.sync();
    return world;
  }

  write(file: string, text: string): void {
    writeFileSync(join(this.dir, file), text);
  }

  async sync(): Promise<void> {
    await syncFolders(this.stores.catalog, [this.dir]);
  }

  /** A notice service as one replica (or one run of the process) has it, over `stores`. */
  replica(
    stores: Stores = this.stores,
    batchSeconds = 0,
    archivedRepositories?: () => Promise<ReadonlySet<string>>,
    slackPeople?: SlackPeople,
  ): NoticeService {
    const queue = new InProcessQueue();
    const logger = createLogger({ level: 'silent' });
    const service = new NoticeService({
      catalog: stores.catalog,
      notices: stores.notices,
      queue,
      messenger: new SlackNoticeMessenger({
        token: FAKE_BOT_TOKEN,
        apiUrl: this.slack.apiUrl,
        slackCache: stores.slackCache,
        logger,
      }),
      clock: this.clock,
      settings: { platformChannel: 'C0PLATFORM', maxDirectMessages: 3, batchSeconds },
      archivedRepositories,
      slackAccounts: stores.slackCache,
      slackPeople,
      logger,
    });
    this.services.push({ service, queue });
    return service;
  }

  /** Messages posted (ok) so far. */
  posts() {
    return this.slack.callsTo('chat.postMessage').filter((call) => call.ok);
  }

  async close(): Promise<void> {
    for (const { service, queue } of this.services) {
      await service.stop();
      await queue.stop();
    }
    await this.slack.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
