// The demo organisation in examples/ as search documents, for the benchmarks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalogFile } from '../src/catalog/index.js';
import { searchDocFromEntity, type SearchDoc } from '../src/search/index.js';
import { migrationsFolder } from '../src/store/database.js';

/** examples/, found beside migrations/ from src (tsx) and dist (node) alike. */
export function examplesFolder(): string {
  return join(migrationsFolder(), '..', 'examples');
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'templates' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

export function demoCatalogDocs(): SearchDoc[] {
  return yamlFiles(examplesFolder()).flatMap((file) => {
    const parsed = parseCatalogFile(readFileSync(file, 'utf8'), { file }, { skipNonEntityFiles: true });
    return parsed.entities.map((e) => searchDocFromEntity(e.entity));
  });
}
