// Issue 24's figures for "Who owns this?": a 50-frame stack trace resolved to CODEOWNERS owners
// over 2,000 repositories of 20k files in all (index built once, as the cache holds it); the
// hostile messages (40k characters, 500 URLs, binary) read; and the labelled set of 100 questions.
// Printed, not asserted. The catalog lookups behind an answer (store, on-call) are not included.
import { readFileSync } from 'node:fs';
import { RepositoryFilesIndex } from '../src/ownership/repository-files.js';
import { readQuestion } from '../src/ownership/question-reader.js';
import { thingsNamed } from '../src/ownership/things-named.js';
import { LABELLED_QUESTIONS } from './owner-questions.js';

const REPOSITORIES = 2_000;
const FILES_PER_REPOSITORY = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(work: () => void, runs = 30): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

export async function run(): Promise<void> {
  const rows = Array.from({ length: REPOSITORIES }, (_, r) => ({
    repository: `https://github.com/acme/repo-${r}`,
    path: '.github/CODEOWNERS',
    text: `* @acme/team-${r % 200}\n/cmd/ @acme/platform\n**/refunds/ @acme/refunds\n`,
    files: Array.from({ length: FILES_PER_REPOSITORY }, (_, f) =>
      f === 0 && r === 7 ? 'ledger/book.go' : f === 1 && r === 7 ? 'api/handler.go' : `pkg${r}/file${f}.go`,
    ),
  }));
  rows.push({
    repository: 'https://github.com/acme/ledger-cmd',
    path: 'CODEOWNERS',
    text: '* @acme/ledger\n',
    files: ['cmd/server/main.go'],
  });
  const built = performance.now();
  const index = new RepositoryFilesIndex(rows);
  const buildMs = performance.now() - built;
  const trace = readFileSync(new URL('../../test/fixtures/stack-traces/go.txt', import.meta.url), 'utf8');
  let owners = 0;
  const traceMs = time(() => {
    owners = 0;
    for (const thing of thingsNamed(trace).things) {
      if (thing.kind !== 'stack-frame') continue;
      const file = index.fileForFrame(thing.path);
      if (file && index.ownership(file.repository, file.path)?.rule) owners += 1;
    }
  });
  console.log(
    `repositories indexed: ${rows.length} (${rows.length * FILES_PER_REPOSITORY} files), built in ${buildMs.toFixed(1)} ms`,
  );
  console.log(`50-frame Go trace to CODEOWNERS owners (p50 of 30): ${traceMs.toFixed(2)} ms, ${owners} files owned`);

  const hostile: Array<[string, string]> = [
    ['40k characters', `${'payments '.repeat(4_500)}`],
    ['500 URLs', Array.from({ length: 500 }, (_, i) => `https://github.com/acme/repo-${i}/pull/${i}`).join(' ')],
    ['binary-looking', Array.from({ length: 40_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('')],
  ];
  for (const [name, text] of hostile)
    console.log(`hostile message, ${name} (p50 of 30): ${time(() => thingsNamed(text)).toFixed(2)} ms`);

  const right = LABELLED_QUESTIONS.filter(
    ([q, want]) => JSON.stringify(readQuestion(q)) === JSON.stringify(want),
  ).length;
  console.log(`labelled questions read right: ${right}/${LABELLED_QUESTIONS.length}`);
}
