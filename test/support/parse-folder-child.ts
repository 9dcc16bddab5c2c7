// Run as a child process (node --import tsx, with a capped heap) by tests that must show a
// folder's files parse in bounded memory: prints what was parsed and the process's peak memory.
import { parseCatalogFile } from '../../src/catalog/index.js';
import { readFolder } from '../../src/sources/local/index.js';

const snapshot = await readFolder(process.argv[2]);
const entities: string[] = [];
const problems: string[] = [];
for (const file of snapshot.files) {
  if (file.status !== 'read') continue;
  const options = { skipNonEntityFiles: true, resolvePlaceholder: snapshot.resolvePlaceholder };
  const result = parseCatalogFile(file.text, { file: file.path }, options);
  entities.push(...result.entities.map((e) => e.ref));
  problems.push(...result.problems.map((p) => `${p.file}: ${p.message}`));
}
// maxRSS is in kilobytes: the most this process ever held in memory, not what it holds now.
const peakBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ entities: entities.sort(), problems, peakBytes }));
