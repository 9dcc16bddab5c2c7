// Builds the scaffolder from the catalog and task stores, its settings and (when configured) the GitHub
// organisation: the template catalog, the task service with its actions, and what the /create
// form needs to check values. The Slack side adds its notifier when it is wired.
import type { Octokit } from 'octokit';
import type { CatalogRules } from '../catalog/catalog-rules.js';
import type { Logger } from '../log.js';
import type { Stores, TaskStore } from '../store/index.js';
import { CatalogMembership } from './run/catalog-membership.js';
import type { CreatePolicy } from './run/create-policy.js';
import type { ActionServices } from './actions/action.js';
import { actionRegistry, type ActionRegistry } from './actions/registry.js';
import { OrgPlans } from './actions/publish/org-plan.js';
import { repositoryExistsCheck } from './actions/publish/repository-exists.js';
import { SyncRegistrar } from './actions/sync-registrar.js';
import type { ScaffoldSettings } from './settings.js';
import type { FormContext } from './types.js';
import { FolderSkeletonReader } from './templating/folder-skeleton-reader.js';
import { GitHubSkeletonReader } from './templating/github-skeleton-reader.js';
import { SkeletonReaders } from './templating/skeleton-reader.js';
import { runSteps, type RunOutcome } from './run/run-steps.js';
import { TaskService } from './run/task-service.js';
import { TemplateCatalog } from './template/template-catalog.js';
import type { RequestingUser, TemplateDefinition, TemplateValues } from './types.js';
import type { ValueChecks } from './template/validate-values.js';

interface ScaffolderSetup {
  /** The catalog (templates, teams, registration) and where tasks and their steps are kept. */
  stores: Pick<Stores, 'catalog' | 'tasks'>;
  settings: ScaffoldSettings;
  /** The organisation repositories are created in; without it, templates can be tried but not published. */
  github?: {
    octokit: Octokit;
    org: string;
    /** The API base (GITHUB_API_URL); decides the web host when webUrl is not given. */
    apiUrl?: string;
    /** Browsable base, e.g. https://github.com or https://ghe.example.com. */
    webUrl?: string;
  };
  /** Told which catalog refs a registration changed (e.g. to refresh search). */
  onCatalogChanged?: (refs: string[]) => void;
  /** Which kinds a new repository's catalog file may declare (CATALOG_RULES), as for any repository. */
  catalogRules?: CatalogRules;
  logger: Logger;
  actions?: ActionRegistry;
}

export interface Scaffolder {
  templates: TemplateCatalog;
  tasks: TaskService;
  taskStore: TaskStore;
  membership: CatalogMembership;
  policy: CreatePolicy;
  /** The organisation and host a RepoUrlPicker fills in. */
  /** What forms need to know; `learnPlan()` fills in what the organisation's plan allows. */
  formContext: FormContext;
  /** Learns (from cache, or GitHub within a second and a half) what the plan allows, for the form. */
  learnPlan(): Promise<void>;
  /** Checks the form runs on submit (a repository name that is taken). */
  checks: ValueChecks;
  /** Runs a template's steps as a dry run: the files it would create; nothing is published or registered. */
  dryRun(template: TemplateDefinition, values: TemplateValues, user: RequestingUser): Promise<RunOutcome>;
}

/** github.com's API serves github.com; a GitHub Enterprise Server API (…/api/v3) its own host. */
export function webUrlFor(apiUrl: string | undefined): string {
  if (!apiUrl) return 'https://github.com';
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  if (url.pathname.replace(/\/+$/, '').endsWith('/api/v3')) return `${url.protocol}//${url.host}`;
  // A test server: it answers for github.com.
  return 'https://github.com';
}

/** How long opening a form waits for GitHub to say what the plan allows; then it offers everything. */
const PLAN_WAIT_MS = 1500;

export function createScaffolder(setup: ScaffolderSetup): Scaffolder {
  const store = setup.stores.catalog;
  const actions = setup.actions ?? actionRegistry();
  const webUrl = (setup.github?.webUrl ?? webUrlFor(setup.github?.apiUrl)).replace(/\/+$/, '');
  const host = new URL(webUrl).host;
  const skeletons = new SkeletonReaders([
    new FolderSkeletonReader(),
    ...(setup.github ? [new GitHubSkeletonReader(setup.github.octokit, webUrl)] : []),
  ]);
  const membership = new CatalogMembership(store);
  const plans = setup.github && new OrgPlans(setup.github.octokit, host !== 'github.com');
  const formContext: FormContext = { org: setup.github?.org ?? 'your-org', host };
  const services: ActionServices = {
    skeletons,
    catalog: new SyncRegistrar(store, { webUrl, onChanged: setup.onCatalogChanged, rules: setup.catalogRules }),
    github: setup.github && {
      octokit: setup.github.octokit,
      org: setup.github.org,
      host,
      webUrl,
      keepFailedRepos: setup.settings.keepFailedRepos,
      plan: (org) => plans!.plan(org),
      teamSlugOf: async (groupRef) => {
        const group = await store.getEntity(groupRef);
        const slug = group?.entity.metadata.annotations?.['github.com/team-slug'];
        return slug ? slug.slice(slug.indexOf('/') + 1) : undefined;
      },
    },
  };
  const templates = new TemplateCatalog({
    folders: setup.settings.templateDirs,
    actions,
    store: setup.settings.catalogTemplates ? store : undefined,
  });
  const taskStore = setup.stores.tasks;
  const tasks = new TaskService({
    tasks: taskStore,
    templates,
    actions,
    services,
    logger: setup.logger.child({ component: 'scaffolder' }),
    leaseMs: setup.settings.taskLeaseMs,
  });
  return {
    templates,
    tasks,
    taskStore,
    membership,
    policy: setup.settings.policy,
    formContext,
    async learnPlan() {
      if (!plans || !setup.github) return;
      const timeout = new Promise<undefined>((resolve) => {
        (setTimeout(resolve, PLAN_WAIT_MS) as unknown as NodeJS.Timeout).unref();
      });
      const plan = await Promise.race([plans.plan(setup.github.org), timeout]);
      if (plan) formContext.internalRepositories = plan.internalRepositories;
    },
    checks: {
      ...(setup.github ? { repositoryExists: repositoryExistsCheck(setup.github.octokit) } : {}),
      knownEntities: async (refs) => new Set((await store.entitySummaries(refs)).map((e) => e.ref)),
    },
    dryRun: (template, values, user) =>
      runSteps({
        template,
        values,
        user,
        taskId: 'dry-run',
        dryRun: true,
        services,
        actions,
      }),
  };
}
