// A scorecard's "Fix it" button (on /scorecard's failing checks): opens the check's template,
// a template made for a pull request, with its form filled in from the entity: the repository
// its `github.com/project-slug` names, its owner, its name, and the owner's GitHub team.
import type { App, BlockButtonAction } from '@slack/bolt';
import type { Portal } from '../../src/portal/index.js';
import type { Registry } from '../../src/slack/registry.js';
import { SCORECARD_FIX_ACTION, type ScorecardFix } from '../scorecard.js';
import type { CreateDeps } from './create-context.js';
import { openCreateModal } from './open-modal.js';

/** The values a fix template's form opens with, from what the catalog says of `entityRef`. */
export async function fixValues(portal: Portal, entityRef: string): Promise<Record<string, unknown> | undefined> {
  const card = await portal.card(entityRef);
  if (!card) return undefined;
  const annotations = card.entity.metadata.annotations ?? {};
  const slug = annotations['github.com/project-slug'];
  const [org, repo] = typeof slug === 'string' ? slug.split('/') : [];
  const values: Record<string, unknown> = { name: card.entity.metadata.name, entityRef };
  // As the RepoUrlPicker writes it (Backstage's form).
  if (org && repo) values.repoUrl = `github.com?owner=${encodeURIComponent(org)}&repo=${encodeURIComponent(repo)}`;
  if (card.owner) {
    values.owner = card.owner.ref;
    const ownerCard = await portal.card(card.owner.ref);
    const team = ownerCard?.entity.metadata.annotations?.['github.com/team-slug'];
    // A Group read from GitHub carries its team as `org/slug`; one from a folder is named as its team.
    values.team = typeof team === 'string' && team ? (team.split('/').pop() ?? team) : ownerCard?.entity.metadata.name;
  }
  return values;
}

function parseFix(value: string | undefined): ScorecardFix | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<ScorecardFix>;
    return typeof parsed.template === 'string' && typeof parsed.entityRef === 'string'
      ? { template: parsed.template, entityRef: parsed.entityRef }
      : undefined;
  } catch {
    return undefined;
  }
}

export function registerFixListener(app: App, deps: CreateDeps, registry: Registry): void {
  registry.actions.push(SCORECARD_FIX_ACTION);
  app.action<BlockButtonAction>(SCORECARD_FIX_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const fix = parseFix(body.actions[0]?.value);
    const values = fix ? await fixValues(deps.portal, fix.entityRef) : undefined;
    if (!fix || !values) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That entity is no longer in the catalog.',
      });
      return;
    }
    await openCreateModal(deps, client, {
      triggerId: body.trigger_id,
      userId: body.user.id,
      words: fix.template,
      channelId: body.channel?.id,
      values,
    });
  });
}
