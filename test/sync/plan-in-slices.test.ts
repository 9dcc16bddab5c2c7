// A sync in the serving process parses a location's files between turns of the event loop, so
// Slack's requests are answered while thousands of entities are read; the plan is the same as
// when it is worked out in one go (as `callboard validate` does).
import { describe, expect, it } from 'vitest';
import { parseCatalogFile, parseCatalogFileSteps } from '../../src/catalog/index.js';
import type { LocationSnapshot } from '../../src/sources/types.js';
import { parseForSync, planLocationChange, planLocationChangeInSlices } from '../../src/sync/index.js';
import type { ParseFile } from '../../src/sync/plan-location-change.js';

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

const snapshot: LocationSnapshot = {
  key: 'dir:/org',
  type: 'dir',
  target: '/org',
  status: 'ok',
  files: Array.from({ length: 6 }, (_, i) => ({
    path: `service-${i}/catalog-info.yaml`,
    sha: `sha-${i}`,
    status: 'read' as const,
    text: component(`service-${i}`),
  })),
};
const nothingStored = { held: false, files: new Map(), entities: new Map() };

describe('planning a location change in slices', () => {
  it('gives the event loop a turn between files that take long to parse, and plans the same change', async () => {
    let turns = 0;
    let turnsAtLastParse = -1;
    let parsesWithoutTurn = 0;
    // Each file takes longer than one slice to parse, as a file of hundreds of entities does.
    const slowParse: ParseFile = function* (text, origin, resolve) {
      if (turns === turnsAtLastParse) parsesWithoutTurn++;
      turnsAtLastParse = turns;
      const until = performance.now() + 15;
      while (performance.now() < until) {
        // Parsing a large file.
      }
      return yield* parseForSync(text, origin, resolve);
    };
    let counting = true;
    const countTurns = () => {
      turns++;
      if (counting) setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const planned = await planLocationChangeInSlices(snapshot, nothingStored, slowParse);
    counting = false;

    expect(parsesWithoutTurn).toBe(0);
    expect(planned).toEqual(planLocationChange(snapshot, nothingStored, parseForSync));
    expect(planned.change.upserts.map((e) => e.ref)).toEqual(
      Array.from({ length: 6 }, (_, i) => `component:default/service-${i}`),
    );
  });

  it('pauses after every document of a file, so one large file is never read in one piece', () => {
    const text = ['team-a', 'team-b', 'team-c'].map(component).join('---\n');
    const steps = parseCatalogFileSteps(text, { file: 'catalog-info.yaml' });
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(step.value).toEqual(parseCatalogFile(text, { file: 'catalog-info.yaml' }));
    expect(step.value.entities.map((e) => e.ref)).toEqual([
      'component:default/team-a',
      'component:default/team-b',
      'component:default/team-c',
    ]);
  });
});
