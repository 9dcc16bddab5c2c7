// What a person reads to pick a template. Titles are what people know templates by, but two may
// share one (the shipped "TypeScript HTTP service" and the demo catalog's): those get their name,
// and their ref when the names match too, so the picker never offers two identical lines.
import type { TemplateDefinition } from '../types.js';

/** The label of each template (by ref): its title, told apart from any other with the same title. */
export function templateLabels(templates: readonly TemplateDefinition[]): Map<string, string> {
  const count = (key: (t: TemplateDefinition) => string) => {
    const counts = new Map<string, number>();
    for (const t of templates) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
    return counts;
  };
  const titles = count((t) => t.title.trim().toLowerCase());
  const titledNames = count((t) => `${t.title.trim().toLowerCase()}\n${t.name}`);
  return new Map(
    templates.map((t) => {
      const title = t.title.trim().toLowerCase();
      if ((titles.get(title) ?? 0) < 2) return [t.ref, t.title];
      const sameName = (titledNames.get(`${title}\n${t.name}`) ?? 0) > 1;
      return [t.ref, `${t.title} (${sameName ? t.ref : t.name})`];
    }),
  );
}
