// How a template's pages become modal views: one page is one view; several pages without
// conditions that fit together become one long form; otherwise a wizard, one page per view,
// pushed while Slack's stack allows (three views) and replaced in place after that.
import type { KnownBlock } from '@slack/types';
import type { TemplateDefinition, TemplateValues } from '../../../src/scaffold/types.js';
import { pageApplies } from '../../../src/scaffold/template/active-pages.js';
import { pageFields } from '../../../src/scaffold/template/fields.js';
import { fieldBlocks, type FormContext } from './field-blocks.js';
import { SLACK_LIMITS } from './slack-limits.js';

type FormLayout = 'single' | 'long' | 'wizard';

const PROBE_CONTEXT: FormContext = { org: 'org', host: 'github.com' };

/** Blocks a page's inputs take (a page title adds a header and maybe a context line in a long form). */
function pageInputBlocks(template: TemplateDefinition, pageIndex: number): KnownBlock[] {
  return pageFields(template.pages[pageIndex], pageIndex).flatMap((field) =>
    fieldBlocks(field, field.schema.default, PROBE_CONTEXT),
  );
}

function pageHeaderCount(template: TemplateDefinition, pageIndex: number): number {
  // A single page needs no title of its own: the modal's title and intro say it.
  if (template.pages.length <= 1) return 0;
  const page = template.pages[pageIndex];
  return (page.title ? 1 : 0) + (page.description ? 1 : 0);
}

/** The intro section at the top of the first view. */
const INTRO_BLOCKS = 1;

export function formLayout(template: TemplateDefinition): FormLayout {
  if (template.pages.length <= 1) return 'single';
  if (template.pages.some((p) => p.when !== undefined)) return 'wizard';
  const total =
    INTRO_BLOCKS +
    template.pages.reduce((sum, _p, i) => sum + pageInputBlocks(template, i).length + pageHeaderCount(template, i), 0);
  return total <= SLACK_LIMITS.viewBlocks ? 'long' : 'wizard';
}

/** The pages the first view shows. */
export function firstPages(template: TemplateDefinition, values: TemplateValues = {}): number[] {
  const layout = formLayout(template);
  if (layout === 'long') return template.pages.map((_, i) => i);
  const first = template.pages.findIndex((_, i) => pageApplies(template, i, values));
  return first === -1 ? [] : [first];
}

/** The next page that applies after `after`, given the answers so far; undefined when none. */
export function nextPage(template: TemplateDefinition, after: number, values: TemplateValues): number | undefined {
  for (let i = after + 1; i < template.pages.length; i++) if (pageApplies(template, i, values)) return i;
  return undefined;
}

/** Whether another page may follow `after` (its condition may depend on answers not given yet). */
export function mayHaveNextPage(template: TemplateDefinition, after: number): boolean {
  return template.pages.slice(after + 1).some((p) => p.when !== false);
}

/** Problems that keep a template's form out of a Slack modal. */
export function checkFormLimits(template: TemplateDefinition): string[] {
  const problems: string[] = [];
  template.pages.forEach((page, i) => {
    const blocks = INTRO_BLOCKS + pageHeaderCount(template, i) + pageInputBlocks(template, i).length;
    if (blocks > SLACK_LIMITS.viewBlocks) {
      problems.push(
        `page ${i + 1}${page.title ? ` "${page.title}"` : ''} needs ${blocks} blocks; a Slack modal holds at most ${SLACK_LIMITS.viewBlocks}: split it into pages`,
      );
    }
  });
  return problems;
}
