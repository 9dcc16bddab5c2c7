// A repository's address where a name is asked for: /service, /owner and /docs answer with the
// entity that lives in that repository (or a did-you-mean list when several do), not with
// whatever search finds for the organisation's name.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogDir } from '../../src/config.js';
import { startHarness, type Harness } from './harness.js';
import { buttonsOf, shown } from './message-query.js';

const MONOREPO = fileURLToPath(new URL('../fixtures/repository-urls', import.meta.url));

describe('repository URLs as names', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ catalogDirs: [defaultCatalogDir(), MONOREPO] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const answer = async (command: string, text: string) => shown((await h.client.command(command, text)).json);

  it('/service https://github.com/kestrel-pay/ledger opens the Ledger card', async () => {
    const card = await answer('/service', 'https://github.com/kestrel-pay/ledger');
    expect(card).toMatch(/^Ledger\n/);
    expect(card).toContain('component:default/ledger');
    expect(card).not.toContain('Not what you meant?');
  });

  it.each([
    'github.com/kestrel-pay/payments',
    'kestrel-pay/payments',
    'https://github.com/kestrel-pay/payments/blob/main/src/index.ts',
    'https://github.com/kestrel-pay/payments/tree/main/',
    'git@github.com:kestrel-pay/payments.git',
    '<https://github.com/kestrel-pay/payments|github.com/kestrel-pay/payments>',
  ])('/service %s opens the Payments Service card', async (text) => {
    expect(await answer('/service', text)).toMatch(/^Payments Service\n/);
  });

  it('/owner and /docs take a repository URL too', async () => {
    expect(await answer('/owner', 'https://github.com/kestrel-pay/ledger.git')).toContain('Who owns Ledger');
    expect(await answer('/docs', 'github.com/kestrel-pay/ledger/')).toMatch(/^Docs for Ledger\n/);
  });

  it('a repository holding several entities answers with the did-you-mean list', async () => {
    const reply = (await h.client.command('/service', 'https://github.com/kestrel-pay/mobile')).json;
    expect(shown(reply)).toContain('Several entries match “https://github.com/kestrel-pay/mobile”');
    expect(shown(reply)).toContain('Shopper iOS app');
    expect(shown(reply)).toContain('Shopper Android app');
    expect(
      buttonsOf(reply)
        .map((b) => b.value)
        .sort(),
    ).toEqual(['component:default/shopper-android', 'component:default/shopper-ios']);
  });

  it('a repository no entity lives in says so instead of guessing', async () => {
    const text = await answer('/service', 'https://github.com/kestrel-pay/nothing-here');
    expect(text).toMatch(/^:mag: No entry matches “https:\/\/github.com\/kestrel-pay\/nothing-here”/);
    expect(text).not.toMatch(/^Payments Service/);
  });

  it('a namespace/name that is no repository still finds the entity', async () => {
    expect(await answer('/service', 'default/ledger')).toMatch(/^Ledger\n/);
  });
});
