// What publish:github needs to reach GitHub: an authenticated octokit (retry and throttling
// plugins included) and the organisation new repositories belong to.
import type { Octokit } from 'octokit';
import type { OrgPlan } from './org-plan.js';

export interface GitHubPublishing {
  octokit: Octokit;
  /** The organisation new repositories are created in; a repoUrl naming another owner is refused. */
  org: string;
  /** The host repoUrl values name (`github.com`, or a GitHub Enterprise host). */
  host: string;
  /** Browsable base for links, e.g. https://github.com. */
  webUrl: string;
  /** After a failure, keep the repository (marked in its description) instead of deleting it. */
  keepFailedRepos: boolean;
  /** What the organisation's plan allows (cached); absent, nothing is assumed refused. */
  plan?(org: string): Promise<OrgPlan>;
  /** The GitHub team slug of a catalog group ref, when the catalog knows one. */
  teamSlugOf?(groupRef: string): Promise<string | undefined>;
}
