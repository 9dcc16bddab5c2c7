// The README's settings table, rendered from the declarations so that the two cannot drift apart
// (test/config/readme-table.test.ts compares them; `npm run docs:settings` rewrites the README).
import { VARIABLES } from './variables.js';

const TABLE_START = '<!-- settings-table:start (generated from src/config/variables.ts) -->';
const TABLE_END = '<!-- settings-table:end -->';

function renderVariablesTable(): string {
  const rows = Object.entries(VARIABLES).map(([name, declared]) => {
    const fallback = declared.fallback === undefined ? '' : ` (default \`${declared.fallback}\`)`;
    return `| \`${name}\` | ${declared.meaning}${fallback} |`;
  });
  return ['| variable | meaning |', '|---|---|', ...rows].join('\n');
}

/** The README with its table section replaced by a freshly rendered one. */
export function withRenderedTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${TABLE_START} … ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderVariablesTable()}\n${readme.slice(end)}`;
}
