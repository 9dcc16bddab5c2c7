// Compares what a location yields now with what the store holds for it, and says what to write.
// Pure: the store state comes in, a LocationChange goes out. Written as pausable steps (slices.ts),
// with a pause after each document parsed: a sync in the serving process parses thousands of
// entities, in slices so that Slack's requests are answered meanwhile; `validate` runs the same
// steps straight through.
import { CatalogRules } from '../catalog/catalog-rules.js';
import { appendAll } from '../append.js';
import type { CatalogFileParseResult } from '../catalog/index.js';
import type { CatalogEntity, Problem } from '../catalog/types.js';
import type { LocationSnapshot } from '../sources/types.js';
import { runInSlicesWith, runToEnd, type Steps } from '../slices.js';
import {
  emptyLocationChange,
  type EntityWrite,
  type LocationChange,
  type LocationState,
} from '../store/location-change.js';
import { entityHash } from './entity-hash.js';
import { ruleLocationOf } from './rule-location.js';
import { enterPhase } from '../work-phase.js';
import { SegmentedMap } from '../segmented-map.js';

/** Entities hashed between two pauses (hashing one takes about 12 µs). */
const ENTITIES_PER_STEP = 256;
/** Stored entities looked at between two pauses: a location may hold 160k of them. */
const STORED_PER_STEP = 2048;

/** Parses one file, as pausable steps (a pause after each document); `named`: see SourceFile. */
export type ParseFile = (
  text: string,
  origin: { file: string; url?: string },
  resolvePlaceholder: LocationSnapshot['resolvePlaceholder'],
  named?: boolean,
) => Steps<CatalogFileParseResult>;

export interface PlannedChange {
  change: LocationChange;
  filesParsed: number;
  filesSkipped: number;
}

interface PlanOptions {
  /** Which kinds the location may declare (default: Backstage's, Component, API and Location). */
  rules?: CatalogRules;
  onFileParsed?: (done: number, total: number, path: string) => void;
}

const DEFAULT_RULES = new CatalogRules();

/** The plan, worked out without pausing. */
export function planLocationChange(
  snapshot: LocationSnapshot,
  stored: LocationState,
  parse: ParseFile,
  options: PlanOptions = {},
): PlannedChange {
  return runToEnd(planLocationChangeSteps(snapshot, stored, parse, options));
}

/** The plan, worked out in slices that give the event loop a turn every few milliseconds. */
export function planLocationChangeInSlices(
  snapshot: LocationSnapshot,
  stored: LocationState,
  parse: ParseFile,
  options: PlanOptions = {},
): Promise<PlannedChange> {
  return runInSlicesWith(planLocationChangeSteps(snapshot, stored, parse, options), async () => {});
}

/**
 * The plan in slices, handing new and changed entities to `writePiece` about `pieceSize` at a time
 * as files are parsed (whole files, so a piece may be larger); the change returned holds the rest.
 * A location of 160k entities is never held parsed all at once.
 */
export function planLocationChangeInPieces(
  snapshot: LocationSnapshot,
  stored: LocationState,
  parse: ParseFile,
  options: PlanOptions & { pieceSize: number },
  writePiece: (upserts: EntityWrite[]) => Promise<void>,
): Promise<PlannedChange> {
  return runInSlicesWith(planLocationChangeSteps(snapshot, stored, parse, options), writePiece);
}

function* planLocationChangeSteps(
  snapshot: LocationSnapshot,
  stored: LocationState,
  parse: ParseFile,
  { rules = DEFAULT_RULES, onFileParsed, pieceSize }: PlanOptions & { pieceSize?: number },
): Steps<PlannedChange, EntityWrite[]> {
  enterPhase('plan: stored entities');
  const change = emptyLocationChange({ key: snapshot.key, type: snapshot.type, target: snapshot.target });
  const files = [...snapshot.files].sort((a, b) => a.path.localeCompare(b.path));
  /** Files whose stored entities stay exactly as they are: known before any file is parsed. */
  const keptFiles = new Set<string>();
  for (const file of files) {
    if (file.status === 'failed' || file.status === 'unchanged' || stored.files.get(file.path)?.sha === file.sha)
      keptFiles.add(file.path);
  }
  /** Files with a document that is not readable YAML: what they had stays unless re-declared. */
  const partlyReadFiles = new Set<string>();
  /** Refs of every entity the parsed files declare (copies included); segmented, as `seen`. */
  const freshRefs = new SegmentedMap<string, true>();
  let filesSkipped = 0;

  /** Stored entities whose kind the rules no longer let their file declare. */
  const refusedStored = new Set<string>();
  // A file kept as it was still answers to the rules (they may have changed since it was read).
  const filesByPath = new Map(snapshot.files.map((f) => [f.path, f]));
  let looked = 0;
  for (const [ref, state] of stored.entities) {
    if (++looked % STORED_PER_STEP === 0) yield;
    const file = filesByPath.get(state.file);
    const ruleLocation = file && ruleLocationOf(snapshot, file);
    if (ruleLocation && !rules.allowsKind(ref.slice(0, ref.indexOf(':')), ruleLocation)) refusedStored.add(ref);
  }
  /**
   * Which file declares each ref, first come first kept: kept files first, then parsed files in
   * order. Segmented: one Map of 160k refs rehashes in one step of 25-35 ms (segmented-map.ts).
   */
  const seen = new SegmentedMap<string, string>();
  for (const [ref, state] of stored.entities) {
    if (++looked % STORED_PER_STEP === 0) yield;
    if (keptFiles.has(state.file) && !refusedStored.has(ref)) seen.set(ref, state.file);
  }

  let done = 0;
  let hashed = 0;
  for (const file of files) {
    onFileParsed?.(++done, files.length, file.path);
    if (file.status === 'failed') {
      change.failedFiles.push({ path: file.path, error: file.error });
      continue;
    }
    if (keptFiles.has(file.path)) {
      filesSkipped++;
      continue;
    }
    if (file.status !== 'read') continue;
    const ruleLocation = ruleLocationOf(snapshot, file);
    enterPhase('parse');
    const result = yield* parse(file.text, { file: file.path, url: file.url }, snapshot.resolvePlaceholder, file.named);
    change.parsedFiles.push({ path: file.path, url: file.url, sha: file.sha });
    appendAll(change.problems, result.problems);
    for (const problem of file.problems ?? []) change.problems.push({ file: file.path, ...problem });
    // One bad edit must not take a team's services out of the catalog: a document that cannot
    // be read as YAML leaves the entities the file had before in place.
    if (result.unreadable) partlyReadFiles.add(file.path);
    // Each file's entities are hashed as soon as it is parsed, so that a location's parsed
    // entities need never all be held at once (see pieceSize).
    for (const entity of result.entities) {
      if (ruleLocation && !rules.isAllowed(entity.entity, ruleLocation)) {
        change.problems.push(refusedProblem(entity, rules.allowedKinds(ruleLocation)));
        continue;
      }
      if (++hashed % ENTITIES_PER_STEP === 0) yield;
      freshRefs.set(entity.ref, true);
      const holder = seen.get(entity.ref);
      if (holder !== undefined) {
        change.problems.push(duplicateProblem(entity, holder));
        continue;
      }
      seen.set(entity.ref, entity.origin.file);
      const hash = entityHash(entity);
      if (stored.entities.get(entity.ref)?.hash !== hash) change.upserts.push({ ...entity, hash });
    }
    if (pieceSize !== undefined && change.upserts.length >= pieceSize) yield change.upserts.splice(0);
  }

  enterPhase('plan: removals');
  const listed = new Set(snapshot.files.map((f) => f.path));
  change.removedFiles = [...stored.files.keys()].filter((path) => !listed.has(path));
  for (const [ref, state] of stored.entities) {
    if (++looked % STORED_PER_STEP === 0) yield;
    if (refusedStored.has(ref) && !freshRefs.has(ref)) {
      change.removals.push(ref);
      continue;
    }
    if (keptFiles.has(state.file) || seen.get(ref) !== undefined) continue;
    if (partlyReadFiles.has(state.file) && !freshRefs.has(ref)) continue;
    change.removals.push(ref);
  }
  return { change, filesParsed: change.parsedFiles.length, filesSkipped };
}

/** An entity its location may not declare: shown to the location's owners, never stored. */
function refusedProblem(entity: CatalogEntity, allowed: string[]): Problem {
  return {
    file: entity.origin.file,
    document: entity.origin.document,
    entityRef: entity.ref,
    message:
      `${entity.ref} was not stored: a ${entity.entity.kind} may not be declared here ` +
      `(CATALOG_RULES lets this location declare ${allowed.length ? allowed.join(', ') : 'nothing'})`,
  };
}

function duplicateProblem(entity: CatalogEntity, holder: string): Problem {
  return {
    file: entity.origin.file,
    document: entity.origin.document,
    entityRef: entity.ref,
    message: `${entity.ref} is already defined in ${holder}; this copy in ${entity.origin.file} is ignored`,
  };
}
