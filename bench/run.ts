// `npm run bench`: every area's figures, printed. Nothing here asserts: the issues name the goals.
// `npm run bench -- search ingest` runs only the named areas.
const AREAS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  search: () => import('./search.js'),
  quality: () => import('./search-quality.js'),
  incremental: () => import('./incremental.js'),
  cli: () => import('./cli.js'),
  memory: () => import('./start-memory.js'),
  ingest: () => import('./ingest.js'),
  slack: () => import('./slack.js'),
  burst: () => import('./burst.js'),
  github: () => import('./github.js'),
  scaffold: () => import('./scaffold.js'),
  playground: () => import('./playground.js'),
  oncall: () => import('./oncall.js'),
  hostile: () => import('./hostile.js'),
  'owner-from-anywhere': () => import('./owner-from-anywhere.js'),
  readme: () => import('./readme-command.js'),
  notices: () => import('./notices.js'),
  scorecards: () => import('./scorecards.js'),
  'github-facts': () => import('./github-facts.js'),
  card: () => import('./card.js'),
  big: () => import('./big.js'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in AREAS));
if (unknown.length) {
  console.error(`bench: unknown area ${unknown.join(', ')}; known: ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(AREAS)) {
  console.log(`\n## ${name}`);
  const area = await AREAS[name]();
  await area.run();
}
