// Rewrites the README's settings table from src/config/variables.ts (`npm run docs:settings`).
import { readFileSync, writeFileSync } from 'node:fs';
import { withRenderedTable } from '../src/config/variables-table.js';

const readmePath = new URL('../../README.md', import.meta.url);
writeFileSync(readmePath, withRenderedTable(readFileSync(readmePath, 'utf8')));
