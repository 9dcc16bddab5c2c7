// Which parameter pages apply to the values given so far: Backstage's `when:` on a page.
import { renderText } from '../templating/expressions/index.js';
import type { TemplateDefinition, TemplateValues } from '../types.js';

export function pageApplies(template: TemplateDefinition, pageIndex: number, values: TemplateValues): boolean {
  const when = template.pages[pageIndex]?.when;
  if (when === undefined) return true;
  if (typeof when === 'boolean') return when;
  return Boolean(renderText(when, { parameters: values }));
}

export function activePages(template: TemplateDefinition, values: TemplateValues): number[] {
  return template.pages.map((_, i) => i).filter((i) => pageApplies(template, i, values));
}
