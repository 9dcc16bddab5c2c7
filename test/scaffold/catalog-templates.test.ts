// Template entities in the catalog are offered too: one read from a folder, and one in a GitHub
// repository whose skeleton is fetched from that repository when it runs.
import { CatalogRules, readCatalogRules } from '../../src/catalog/catalog-rules.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { validateValues } from '../../src/scaffold/template/validate-values.js';
import { syncSnapshot } from '../../src/sync/index.js';
import type { CatalogStore, Stores } from '../../src/store/index.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { gitBlobOid, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { openTestStores } from '../support/store.js';
import { scaffolderOnFakeGitHub } from './scaffolder-harness.js';

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: go-service
  title: Go service
spec:
  owner: group:default/platform
  type: service
  parameters:
    required: [name]
    properties:
      name: { type: string, ui:field: EntityNamePicker }
  steps:
    - id: fetch
      name: Render the skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: publish
      name: Create the GitHub repository
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
        protectDefaultBranch: false
`;

let stores: Stores;
let store: CatalogStore;
let github: FakeGitHub;
let git: FakeGitWrites;
let scaffolder: Scaffolder;

beforeAll(async () => {
  stores = await openTestStores();
  store = stores.catalog;
  github = await startFakeGitHub({ org: 'acme' });
  git = addGitWrites(github);
  github.org.addRepository({
    name: 'software-templates',
    files: {
      'go-service/template.yaml': TEMPLATE,
      'go-service/skeleton/main.go': 'package main\n\n// ${{ values.name }}\nfunc main() {}\n',
      'go-service/skeleton/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/platform\n',
      'README.md': 'not part of the skeleton',
    },
  });
  // As the GitHub source hands the template file to sync: its path, URL and blob sha; CATALOG_RULES
  // lets that repository declare Templates, as Backstage's own configuration does for its templates.
  const rules = new CatalogRules(
    readCatalogRules([
      { allow: ['Component', 'API', 'Location'] },
      { allow: ['Template'], locations: [{ type: 'url', pattern: 'https://github.com/acme/software-templates/**' }] },
    ]),
  );
  await syncSnapshot(
    store,
    {
      key: 'github:acme/software-templates',
      type: 'github',
      target: 'https://github.com/acme/software-templates',
      status: 'ok',
      files: [
        {
          path: 'go-service/template.yaml',
          url: 'https://github.com/acme/software-templates/blob/main/go-service/template.yaml',
          sha: gitBlobOid(TEMPLATE),
          status: 'read',
          text: TEMPLATE,
        },
      ],
    },
    { rules },
  );
  // The demo organisation ships a Template in a folder.
  await syncFolders(store, [new URL('../../examples/templates', import.meta.url).pathname]);
  scaffolder = await scaffolderOnFakeGitHub(stores, github, { templateDirs: [], catalogTemplates: true });
});

afterAll(async () => {
  await github.close();
  await stores.close();
});

describe('catalog templates', () => {
  it('offers Template entities from GitHub and from folders', async () => {
    const refs = (await scaffolder.templates.list()).map((t) => t.ref);
    expect(refs).toContain('template:default/go-service');
    expect(refs.some((r) => r !== 'template:default/go-service')).toBe(true);
    expect(await scaffolder.templates.problems()).toEqual([]);
  });

  it('fetches the skeleton of a GitHub template from its repository, next to template.yaml', async () => {
    const template = (await scaffolder.templates.get('template:default/go-service'))!;
    const { values } = await validateValues(template, { name: 'orders' });
    await scaffolder.tasks.submit({ template, values, requestKey: 'go-1', requester: { slackUserId: 'U1' } });
    await scaffolder.tasks.idle();
    const [task] = await scaffolder.taskStore.listTasks({ limit: 1 });
    expect(task).toMatchObject({ state: 'completed' });
    const files = git.history('orders')[0].files;
    expect([...files.keys()].sort()).toEqual(['catalog-info.yaml', 'main.go']);
    expect(files.get('main.go')!.toString()).toContain('// orders');
  });
});
