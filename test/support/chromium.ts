// Debian's Chromium for the browser tests, driven by playwright-core (which brings no browser of
// its own). Without Chromium the browser tests skip, visibly; in CI (`CI=true`, where .ci/run
// installs it) its absence fails the run instead, so the browser test cannot quietly not run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when Chromium is installed; in CI its absence throws, naming where it was looked for. */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but Chromium is missing: looked for ${CHROMIUM_PATH} (.ci/run installs it)`);
  }
  return false;
}

/** A headless Chromium with a fresh profile, quiet on the network; close() removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'callboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 860 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
