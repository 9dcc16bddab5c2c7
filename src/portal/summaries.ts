import { entitySummaryFields } from '../catalog/index.js';
import type { StoredEntity } from '../store/index.js';
import type { EntitySummary, TeamContact } from './types.js';

export function summarize(stored: Pick<StoredEntity, 'entity'>): EntitySummary {
  return entitySummaryFields(stored.entity);
}

/** A ref that points at nothing in the catalog still deserves a readable label. */
export function summarizeMissing(ref: string): EntitySummary {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  const [, kind = 'unknown', namespace = 'default', name = ref] = match ?? [];
  return { ref, kind, namespace, name };
}

/** How to reach a team, from the annotations Slack, PagerDuty and Opsgenie plugins use. */
export function teamContact(stored: Pick<StoredEntity, 'entity'>): TeamContact {
  const annotations = stored.entity.metadata.annotations ?? {};
  const profile = (stored.entity.spec?.profile ?? {}) as { email?: unknown };
  const contact: TeamContact = { onCall: [] };
  if (typeof profile.email === 'string') contact.email = profile.email;

  const channelName = annotations['slack.com/channel'];
  const channelId = annotations['slack.com/channel-id'];
  if (channelName || channelId) {
    contact.slackChannel = {
      name: channelName?.replace(/^#/, ''),
      id: channelId,
      url: channelId ? `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}` : undefined,
    };
  }

  const pagerdutyService = annotations['pagerduty.com/service-id'];
  const pagerdutyPolicy = annotations['pagerduty.com/escalation-policy-id'];
  if (pagerdutyService) {
    contact.onCall.push({
      provider: 'pagerduty',
      label: `PagerDuty service ${pagerdutyService}`,
      url: `https://app.pagerduty.com/service-directory/${encodeURIComponent(pagerdutyService)}`,
    });
  } else if (pagerdutyPolicy) {
    contact.onCall.push({
      provider: 'pagerduty',
      label: `PagerDuty escalation policy ${pagerdutyPolicy}`,
      url: `https://app.pagerduty.com/escalation_policies#${encodeURIComponent(pagerdutyPolicy)}`,
    });
  } else if (annotations['pagerduty.com/integration-key']) {
    contact.onCall.push({ provider: 'pagerduty', label: 'PagerDuty (integration key set)' });
  }
  const opsgenieTeam = annotations['opsgenie.com/team'];
  if (opsgenieTeam) {
    contact.onCall.push({
      provider: 'opsgenie',
      label: `Opsgenie team ${opsgenieTeam}`,
      url: `https://app.opsgenie.com/teams/list?query=${encodeURIComponent(opsgenieTeam)}`,
    });
  }
  return contact;
}
