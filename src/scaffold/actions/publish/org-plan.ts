// What the organisation's GitHub plan allows, learnt before anything is created: `internal`
// repositories exist only for organisations in an enterprise (and on GitHub Enterprise Server),
// and the Free plan refuses branch protection on private repositories. GitHub shows the plan
// (`GET /orgs/{org}` → `plan.name`) to the organisation's owners only; without it, nothing is
// assumed refused. Answers are kept for an hour, a failed look-up for a minute.
import type { Octokit } from 'octokit';

export interface OrgPlan {
  /** `free`, `team`, `enterprise` ...; undefined when GitHub did not say. */
  name?: string;
  /** `repoVisibility: internal` is accepted. */
  internalRepositories: boolean;
  /** Branch protection is accepted on private and internal repositories. */
  privateBranchProtection: boolean;
}

const KEEP_MS = 60 * 60 * 1000;
const KEEP_FAILURE_MS = 60 * 1000;

function planAllows(name: string | undefined, enterpriseServer: boolean): OrgPlan {
  if (enterpriseServer) return { name, internalRepositories: true, privateBranchProtection: true };
  if (!name) return { internalRepositories: true, privateBranchProtection: true };
  const plan = name.toLowerCase();
  return { name, internalRepositories: plan === 'enterprise', privateBranchProtection: plan !== 'free' };
}

export class OrgPlans {
  private readonly known = new Map<string, { plan: Promise<OrgPlan>; until: number }>();

  constructor(
    private readonly octokit: Octokit,
    /** GitHub Enterprise Server has internal repositories and protection whatever the plan. */
    private readonly enterpriseServer: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  plan(org: string): Promise<OrgPlan> {
    const key = org.toLowerCase();
    const cached = this.known.get(key);
    if (cached && cached.until > this.now()) return cached.plan;
    const plan = this.lookUp(org, key);
    this.known.set(key, { plan, until: this.now() + KEEP_MS });
    return plan;
  }

  private async lookUp(org: string, key: string): Promise<OrgPlan> {
    try {
      const { data } = await this.octokit.request('GET /orgs/{org}', { org });
      return planAllows(data.plan?.name, this.enterpriseServer);
    } catch {
      this.known.set(key, {
        plan: Promise.resolve(planAllows(undefined, this.enterpriseServer)),
        until: this.now() + KEEP_FAILURE_MS,
      });
      return planAllows(undefined, this.enterpriseServer);
    }
  }
}
