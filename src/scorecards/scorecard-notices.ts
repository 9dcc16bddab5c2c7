// Scorecards speaking first, through the notices' two seams. As notices (NoticeSource): an entity
// whose level dropped (open until it is back at the level it fell from) and a check newly failing
// (one that passed, or was unknown, after the entity was first scored; open until it passes), both
// worked out from the store's level history alone. In the weekly digest (DigestSource): the team's
// level changes since a week before, and the checks failing on most of its entities.
import { noticeKey } from '../notices/find-notices.js';
import type { NoticeSource } from '../notices/notice-service.js';
import type { DigestSource } from '../notices/digest.js';
import type { ChangedHistory, LevelMove, ScorecardStore } from '../store/scorecard-store.js';
import type { NoticeDraft } from '../store/notice-store.js';

const WEEK_MS = 7 * 24 * 3600_000;
/** Top failing checks a digest names. */
const TOP_FAILING = 3;
/** Level changes a digest names (the rest counted). */
const MOVES_SHOWN = 10;

const levelName = (level: string | undefined) => level ?? 'no level';

/** The notices a set of changed histories raises (pure). */
function scorecardNotices(histories: ChangedHistory[]): NoticeDraft[] {
  const drafts: NoticeDraft[] = [];
  for (const item of histories) {
    const drop = levelDrop(item);
    if (drop) {
      drafts.push({
        key: noticeKey('scorecard', 'level', item.entityRef, item.scorecard, drop.from.levelIndex),
        kind: 'scorecard',
        entityRef: item.entityRef,
        ownerRef: item.owner ?? null,
        title: `${item.entityRef} dropped from ${levelName(drop.from.level)} to ${levelName(item.level)} on ${item.scorecard}`,
        why: `Its level fell on ${drop.on}${item.failing.length ? `; failing now: ${item.failing.join(', ')}` : ''}.`,
        action: `Fix what fails (\`/scorecard ${item.entityRef}\` shows each check); this resolves once it is back at ${levelName(drop.from.level)}.`,
      });
    }
    for (const check of item.failing) {
      const since = newlyFailingSince(item, check);
      if (!since) continue;
      drafts.push({
        key: noticeKey('scorecard', 'check', item.entityRef, item.scorecard, check),
        kind: 'scorecard',
        entityRef: item.entityRef,
        ownerRef: item.owner ?? null,
        title: `${item.entityRef} newly fails ${check} (${item.scorecard})`,
        why: `The check ${check} passed before and fails since ${since}.`,
        action: `See \`/scorecard ${item.entityRef}\` for what ${check} looks at; this resolves once it passes.`,
      });
    }
  }
  return drafts;
}

/**
 * The level it fell from when its latest change (or run of changes) went down and it has not
 * climbed back: walking back from now, the newest step down, then further back while each older
 * level was higher still.
 */
function levelDrop(item: ChangedHistory): { from: { level?: string; levelIndex: number }; on: string } | undefined {
  // Consecutive days at the same level are one step (a day's row also records changed checks).
  const steps: ChangedHistory['history'] = [];
  for (const row of [{ ...item, day: '' }, ...item.history]) {
    const previous = steps.at(-1);
    if (previous && previous.levelIndex === row.levelIndex) {
      if (row.day) previous.day = row.day;
      continue;
    }
    steps.push({ day: row.day, level: row.level, levelIndex: row.levelIndex, failing: row.failing });
  }
  const down = steps.findIndex((step, i) => i + 1 < steps.length && steps[i + 1].levelIndex > step.levelIndex);
  if (down < 0) return undefined;
  let peak = down + 1;
  while (peak + 1 < steps.length && steps[peak + 1].levelIndex > steps[peak].levelIndex) peak++;
  if (item.levelIndex >= steps[peak].levelIndex) return undefined;
  return { from: steps[peak], on: steps[peak - 1].day || 'today' };
}

/** The day a failing check started failing, when some earlier day it did not; undefined if it always failed. */
function newlyFailingSince(item: ChangedHistory, check: string): string | undefined {
  let since: string | undefined;
  for (const row of item.history) {
    if (!row.failing.includes(check)) return since ?? row.day;
    since = row.day;
  }
  return undefined;
}

/** Scorecard notices, asked for at each reconcile. */
export function scorecardNoticeSource(store: Pick<ScorecardStore, 'changedHistories'>): NoticeSource {
  return {
    name: 'scorecards',
    async notices() {
      return scorecardNotices(await store.changedHistories());
    },
  };
}

/** The digest's scorecard lines: the team's level changes this week and its most failing checks. */
export function scorecardDigestSource(store: Pick<ScorecardStore, 'movers' | 'levelsOwnedBy'>): DigestSource {
  // One read of the week's movers serves every team's digest of that week.
  let week: { of: number; moves: Promise<LevelMove[]> } | undefined;
  return {
    name: 'scorecards',
    async linesFor(teamRef, weekOf) {
      if (week?.of !== weekOf.getTime()) {
        const since = new Date(weekOf.getTime() - WEEK_MS).toISOString().slice(0, 10);
        week = { of: weekOf.getTime(), moves: store.movers(since, 100_000) };
      }
      const levels = await store.levelsOwnedBy([teamRef]);
      const owned = new Set(levels.map((level) => `${level.entityRef}\u0000${level.scorecard}`));
      const moves = (await week.moves).filter((move) => owned.has(`${move.entityRef}\u0000${move.scorecard}`));
      const lines = moves
        .slice(0, MOVES_SHOWN)
        .map(
          (move) =>
            `${move.levelIndex < move.beforeIndex ? ':small_red_triangle_down:' : ':arrow_up_small:'} ${move.entityRef}: ${levelName(move.beforeLevel)} → ${levelName(move.level)} (${move.scorecard})`,
        );
      if (moves.length > MOVES_SHOWN) lines.push(`…and ${moves.length - MOVES_SHOWN} more level changes`);
      if (levels.length && !moves.length) lines.push('No level changes this week.');
      const failing = new Map<string, number>();
      for (const level of levels)
        for (const check of level.failing) {
          const key = `${check} (${level.scorecard})`;
          failing.set(key, (failing.get(key) ?? 0) + 1);
        }
      const top = [...failing].sort(([a, n], [b, m]) => m - n || a.localeCompare(b)).slice(0, TOP_FAILING);
      if (top.length)
        lines.push(
          `Failing most: ${top.map(([check, n]) => `${check} on ${n} entit${n === 1 ? 'y' : 'ies'}`).join('; ')}`,
        );
      return lines;
    },
  };
}
