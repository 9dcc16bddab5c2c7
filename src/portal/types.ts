// What the portal answers. Every surface (Slack commands, App Home, CLI) renders these.
import type { EntitySummaryFields } from '../catalog/summary.js';
import type { Entity } from '../catalog/types.js';
import type { SyncRunRecord } from '../store/index.js';

/** The few fields a list item or a link needs. */
export type EntitySummary = EntitySummaryFields;

export type MatchKind = 'exact' | 'prefix' | 'fuzzy';

export interface FoundEntity {
  summary: EntitySummary;
  match: MatchKind;
  /** 0 is a perfect match; larger is worse. */
  score: number;
}

export interface DocLink {
  title: string;
  url: string;
  /** techdocs: backstage.io/techdocs-ref; link: metadata.links; source: source-location or repo; readme. */
  kind: 'techdocs' | 'link' | 'source' | 'readme';
}

/** A group's ways of being reached, read from its annotations and profile. */
export interface TeamContact {
  email?: string;
  slackChannel?: { name?: string; id?: string; url?: string };
  onCall: Array<{ provider: 'pagerduty' | 'opsgenie'; label: string; url?: string }>;
}

export interface Person {
  ref: string;
  name: string;
  displayName?: string;
  email?: string;
}

/** An entity with the annotations on-call providers read. */
export interface AnnotatedEntity {
  ref: string;
  /** Its title, else its name. */
  name: string;
  annotations: Record<string, string>;
}

/** A catalog User: their teams and what those teams own, and where their on-call may be. */
export interface PersonCard {
  person: Person;
  summary: EntitySummary;
  teams: Array<EntitySummary & TeamContact>;
  owned: EntitySummary[];
  /** Each team's ownership chain, and each owned entity that names its own on-call. */
  onCallChains: AnnotatedEntity[][];
}

export interface OwnerView {
  /** The entity the question was about (may be the group itself). */
  subject: EntitySummary;
  /** The owning group; absent when the owner is a user or unknown. */
  team?: EntitySummary & TeamContact;
  /** When the owner ref resolves to no catalog entity. */
  unresolvedOwner?: string;
  /** A User owner, or the team's members. */
  members: Person[];
  /** The team's parents, nearest first: whom to escalate to. */
  escalation: Array<EntitySummary & TeamContact>;
  /** What else the team owns. */
  owns: EntitySummary[];
}

export interface EntityCard {
  summary: EntitySummary;
  entity: Entity;
  tags: string[];
  owner?: EntitySummary & TeamContact;
  unresolvedOwner?: string;
  system?: EntitySummary;
  domain?: EntitySummary;
  providesApis: EntitySummary[];
  consumesApis: EntitySummary[];
  dependsOn: EntitySummary[];
  dependencyOf: EntitySummary[];
  /** Members (groups), parts (systems, domains), APIs' providers ... by relation type. */
  hasPart: EntitySummary[];
  repoUrl?: string;
  docs: DocLink[];
  /** Where the entity was read from. */
  sourceFile?: string;
}

/** One sync run as the status shows it. */
export type SyncRunSummary = Omit<SyncRunRecord, 'id'>;

export interface CatalogStatus {
  entities: number;
  byKind: Record<string, number>;
  problems: number;
  lastSync?: SyncRunSummary;
  /** The last run of each source (dir, github), newest first. */
  lastSyncBySource: SyncRunSummary[];
  /** Problems grouped by where they came from (a repository, a folder), the first few of each. */
  problemsByLocation: Array<{ location: string; problems: Array<{ file: string; field?: string; message: string }> }>;
  /** Channels notices could not reach (gone, archived, app removed): their teams hear by DM meanwhile. */
  deliveryIssues: DeliveryIssueSummary[];
}

export interface DeliveryIssueSummary {
  channel: string;
  teamRef?: string;
  error: string;
  seenAt: Date;
}
