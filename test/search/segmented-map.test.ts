// The search index's and sync's maps of a whole catalog are SegmentedMaps: they must answer as a Map
// would across the tables they are split into.
import { describe, expect, it } from 'vitest';
import { SegmentedMap } from '../../src/segmented-map.js';

describe('SegmentedMap', () => {
  it('answers as a Map does for 100k keys, set again, looked up, missing and listed', () => {
    const map = new SegmentedMap<string, number>();
    const plain = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      map.set(`component:default/service-${i}`, i);
      plain.set(`component:default/service-${i}`, i);
    }
    // Setting a key again, in the first table and in the last, replaces its value and adds nothing.
    for (const i of [0, 5, 99_999]) {
      map.set(`component:default/service-${i}`, -i);
      plain.set(`component:default/service-${i}`, -i);
    }
    expect(map.size).toBe(100_000);
    for (const i of [0, 5, 32_767, 32_768, 65_536, 99_999])
      expect(map.get(`component:default/service-${i}`)).toBe(plain.get(`component:default/service-${i}`));
    expect(map.get('component:default/service-100000')).toBeUndefined();
    expect(map.has('component:default/service-70000')).toBe(true);
    expect(map.has('component:default/nothing')).toBe(false);
    expect([...map.entries()]).toEqual([...plain.entries()]);
    expect([...map.keys()]).toEqual([...plain.keys()]);
  });
});
