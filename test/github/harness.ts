// A fake GitHub organisation, a fresh store and the GitHub runner wired together as the server
// wires them, with retries and waits shortened so that tests stay quick.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogRules, readCatalogRules } from '../../src/catalog/catalog-rules.js';
import type { CatalogStore } from '../../src/store/index.js';
import { GitHubSource, type GitHubSourceOptions } from '../../src/sources/github/index.js';
import { createGitHubWebhookHandler, GitHubSync } from '../../src/sync/github/index.js';
import {
  generateOrganisation,
  startFakeGitHub,
  type FakeGitHub,
  type FakeOrganisation,
  type GeneratedOrg,
  type GeneratedOrgSpec,
} from '../support/fake-github.js';
import { openTestStore, type Backend } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

export const WEBHOOK_SECRET = 'webhook-secret-for-tests';

/**
 * CATALOG_RULES as a platform team that keeps its Systems in a shared repository sets them (as
 * Backstage's own app-config does): repositories may declare every kind but Users and Groups.
 */
export const ORGANISATION_RULES = new CatalogRules(
  readCatalogRules([{ allow: ['Component', 'API', 'Location', 'System', 'Domain', 'Resource', 'Template'] }]),
);

export interface Harness {
  github: FakeGitHub;
  generated: GeneratedOrg;
  store: CatalogStore;
  source: GitHubSource;
  sync: GitHubSync;
  /** The webhook endpoint, served on 127.0.0.1. */
  webhookUrl: string;
  refs(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startHarness(
  spec: GeneratedOrgSpec,
  options: { source?: Partial<GitHubSourceOptions>; backend?: Backend } = {},
): Promise<Harness> {
  const generated = generateOrganisation(spec);
  return { ...(await startOrganisationHarness(generated.org, options)), generated };
}

/** The same wiring over an organisation the test builds itself. */
export async function startOrganisationHarness(
  org: FakeOrganisation,
  options: { source?: Partial<GitHubSourceOptions>; backend?: Backend } = {},
): Promise<Omit<Harness, 'generated'>> {
  const github = await startFakeGitHub({ org });
  const store = await openTestStore(options.backend);
  const connection = await fakeGitHubConnection(github);
  const source = new GitHubSource(connection, {
    org: org.login,
    ...options.source,
    paging: { backoffMs: 5, timeoutMs: 5_000, ...options.source?.paging },
  });
  const sync = new GitHubSync({
    source,
    catalog: store,
    rules: ORGANISATION_RULES,
    retryBaseMs: 50,
  });
  const handler = createGitHubWebhookHandler({ secret: WEBHOOK_SECRET, sync });
  const server: Server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;
  return {
    github,
    store,
    source,
    sync,
    webhookUrl,
    async refs() {
      return (await store.listEntities()).map((e) => e.ref).sort();
    },
    async close() {
      await sync.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await github.close();
      await store.close();
    },
  };
}

/** The GraphQL operations the fake answered since its stats were reset, by name. */
export function operations(github: FakeGitHub): string[] {
  return github.requests.filter((r) => r.kind === 'graphql').map((r) => r.graphql?.operationName ?? '?');
}
