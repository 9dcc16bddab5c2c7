// `callboard validate`: the check a repository's CI runs on its catalog files, through the CLI's
// entry point. Every problem as `file:line field: reason`, exit 1 on any error, and references to
// entities the files do not define as warnings.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function validate(...paths: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(
    ['node', 'callboard', 'validate', ...paths],
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    {},
  );
  return { code, lines };
}

const BAD = 'test/fixtures/validate/bad/catalog-info.yaml';

describe('callboard validate', () => {
  it('passes the demo catalog', async () => {
    const { code, lines } = await validate('examples');
    expect(lines).toEqual(['checked 23 files, 83 entities: 0 errors, 0 warnings']);
    expect(code).toBe(0);
  });

  it('names file, line and field of each problem in a bad folder, and exits 1', async () => {
    const { code, lines } = await validate('test/fixtures/validate/bad');
    expect(lines).toEqual([
      `${BAD}:15 spec.providesApis[1]: must be a string`,
      `${BAD}:20 metadata.name: "search indexer" is not valid: use 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      `${BAD}:21 spec.owner: is required for kind Component`,
      `${BAD}:32 spec.owner: warning: names group:default/serch-team, which is not in these files`,
      `${BAD}:33 spec.dependsOn[0]: warning: names component:default/search-indexer, which is not in these files`,
      `${BAD}:43: Cannot read the YAML at line 43, column 22: bad indentation of a mapping entry`,
      'checked 1 file, 1 entity: 4 errors, 2 warnings',
    ]);
    expect(code).toBe(1);
  });

  it('resolves references across everything it is given; what stays unresolved is a warning only', async () => {
    const alone = await validate('test/fixtures/validate/good/catalog-info.yaml');
    expect(alone.lines).toEqual([
      'test/fixtures/validate/good/catalog-info.yaml:9 spec.owner: warning: names group:default/platform-team, which is not in these files',
      'checked 1 file, 1 entity: 0 errors, 1 warning',
    ]);
    expect(alone.code).toBe(0);
    const withOrg = await validate('test/fixtures/validate/good', 'examples/org');
    expect(withOrg.lines).toEqual(['checked 4 files, 32 entities: 0 errors, 0 warnings']);
  });

  it('reports a definition given twice, and a path that is not there', async () => {
    const twice = await validate('examples/org', 'examples/org/teams.yaml');
    expect(twice.code).toBe(1);
    expect(twice.lines[0]).toBe(
      'examples/org/teams.yaml:2: group:default/payments-team is already defined in examples/org/teams.yaml; this copy is ignored',
    );
    const missing = await validate('no/such/folder');
    expect(missing.lines).toEqual([
      'no/such/folder: no such file or folder',
      'checked 0 files, 0 entities: 1 error, 0 warnings',
    ]);
    expect(missing.code).toBe(1);
  });
});
