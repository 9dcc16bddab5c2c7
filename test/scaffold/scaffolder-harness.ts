// The scaffolder as tests through the task service build it (publishing to the fake GitHub's
// `acme`), and a template run as /create runs it: the values checked against its form, the task
// submitted and run to its end.
import { silentLogger } from '../../src/log.js';
import { createScaffolder, type Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { EVERYONE } from '../../src/scaffold/run/create-policy.js';
import type { ScaffoldSettings } from '../../src/scaffold/settings.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { validateValues } from '../../src/scaffold/template/validate-values.js';
import type { Stores } from '../../src/store/index.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

/** Everyone may create; the shipped templates only; a failed run's repository is deleted. */
export async function scaffolderOnFakeGitHub(
  stores: Stores,
  github: Parameters<typeof fakeGitHubConnection>[0],
  settings: Partial<ScaffoldSettings> = {},
): Promise<Scaffolder> {
  const connection = await fakeGitHubConnection(github, { retries: 0 });
  return createScaffolder({
    stores,
    settings: {
      templateDirs: [defaultTemplateDir()],
      catalogTemplates: false,
      policy: EVERYONE,
      keepFailedRepos: false,
      ...settings,
    },
    github: { octokit: connection.octokit, org: 'acme', apiUrl: github.url },
    logger: silentLogger,
  });
}

type FinishedTask = NonNullable<Awaited<ReturnType<Scaffolder['tasks']['getTask']>>>;

/** The finished task of `ref` run with `raw`; a template that is missing or refuses the values throws. */
export async function runTemplate(
  scaffolder: Scaffolder,
  ref: string,
  raw: Record<string, unknown>,
  key = 'k',
): Promise<FinishedTask> {
  const template = await scaffolder.templates.get(ref);
  if (!template) throw new Error(`no ${ref}: ${JSON.stringify(await scaffolder.templates.problems())}`);
  const { values, ok, fieldErrors } = await validateValues(template, raw);
  if (!ok) throw new Error(JSON.stringify(fieldErrors));
  const { task } = await scaffolder.tasks.submit({
    template,
    values,
    requestKey: `${key}-${Math.random()}`,
    requester: { slackUserId: 'U1' },
  });
  await scaffolder.tasks.idle();
  return (await scaffolder.tasks.getTask(task.id))!;
}
