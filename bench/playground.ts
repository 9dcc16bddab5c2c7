// The playground's figures: turning an answer's Block Kit into HTML (the renderer alone), and a
// whole /playground/ask round trip (HTTP in, Bolt listeners, rendering, JSON out) on the demo
// catalog in embedded PGlite. The requests come from the same process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageHtml } from '../src/playground/surface-html.js';
import { startCallboard } from '../src/cli/start-command.js';
import { defaultCatalogDir, loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';

const RENDERS = 2000;
const WARMUP = 20;
const ASKS = 200;
const QUERIES = ['/service paymnts', '/owner payments', '/docs payments', '/callboard search pay', '/service ledger'];

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function line(values: number[]): string {
  return `p50 ${percentile(values, 0.5).toFixed(2)} ms  p99 ${percentile(values, 0.99).toFixed(2)} ms`;
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-bench-playground-'));
  const config = loadConfig({ CALLBOARD_DATA_DIR: dataDir, PORT: '0', CATALOG_DIRS: defaultCatalogDir() });
  const started = await startCallboard(config, silentLogger);
  try {
    const base = `http://127.0.0.1:${started.server.port}`;
    const card = await started.server.slack.ask('/callboard search pay');
    const renders: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      const t = performance.now();
      messageHtml({ id: `m${i}`, blocks: card.message?.blocks, text: card.message?.text, ephemeral: true });
      renders.push(performance.now() - t);
    }
    const blocks = card.message?.blocks?.length;
    console.log(`render a search answer (${blocks} blocks) to HTML, ${RENDERS} times: ${line(renders)}`);

    const ask = async (i: number) => {
      const t = performance.now();
      const body = JSON.stringify({ text: QUERIES[i % QUERIES.length] });
      const headers = { 'content-type': 'application/json' };
      const res = await fetch(`${base}/playground/ask`, { method: 'POST', headers, body });
      await res.json();
      if (!res.ok) throw new Error(`/playground/ask answered ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < WARMUP; i++) await ask(i);
    const asks: number[] = [];
    for (let i = 0; i < ASKS; i++) asks.push(await ask(i));
    console.log(`/playground/ask round trip on the demo catalog (PGlite), ${ASKS} one at a time: ${line(asks)}`);
  } finally {
    await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
