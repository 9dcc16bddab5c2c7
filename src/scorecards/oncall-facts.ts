// The on-call fact: someone is on call now for the entity or its owner, as PagerDuty or Opsgenie
// says through src/oncall (its rosters cached, one request per key in flight). Scoring never waits
// on a provider: it reads what this source last heard; a target not heard of yet, or heard of too
// long ago, is asked in the background, and when the answer changes the fact the entities that
// were scored without it are scored again. Until a provider has answered, the fact is unknown.
import type { AnnotatedEntity, OnCallAnswer } from '../oncall/on-call-directory.js';
import type { CatalogFactInput } from './catalog-facts.js';
import type { FactSource } from './fact-sources.js';
import type { Facts } from './facts.js';

/** What the source needs of the on-call directory. */
export interface OnCallLookup {
  readonly anyConfigured: boolean;
  targets(chain: AnnotatedEntity[]): Array<{
    provider: { configured: boolean };
    target: { provider: string; kind: string; value: string };
    source: AnnotatedEntity;
  }>;
  lookup(chain: AnnotatedEntity[]): Promise<OnCallAnswer[]>;
}

interface OnCallFactOptions {
  /** Entities scored while their answer was not known (or has since changed): score them again. */
  onChanged?: (refs: string[]) => Promise<void>;
  /** How long an answer counts as current (default 5 minutes): older ones are asked again. */
  freshMs?: number;
  now?: () => number;
}

interface Heard {
  /** undefined: the providers answered nothing usable (failed, or not configured). */
  onCall: boolean | undefined;
  at: number;
}

export class OnCallFactSource implements FactSource {
  readonly name = 'oncall';
  private readonly heard = new Map<string, Heard>();
  private readonly asking = new Map<string, Promise<void>>();
  /** Entities scored with each key's answer unknown or old, to score again when it comes. */
  private readonly waiting = new Map<string, Set<string>>();

  constructor(
    private readonly directory: OnCallLookup,
    private readonly options: OnCallFactOptions = {},
  ) {}

  async factsFor(inputs: readonly CatalogFactInput[]): Promise<ReadonlyMap<string, Facts>> {
    const out = new Map<string, Facts>();
    // No provider has credentials: the fact has no source here, and stays unknown.
    if (!this.directory.anyConfigured) return out;
    const now = this.now();
    for (const input of inputs) {
      const chain = chainOf(input);
      const found = this.directory.targets(chain);
      if (!found.length) {
        // Neither the entity nor its owner names a rota: nobody is on call for it.
        out.set(input.ref, { someoneOnCall: false });
        continue;
      }
      if (!found.some((f) => f.provider.configured)) continue;
      const source = found[0].source;
      const key = `${source.ref}|${found.map((f) => `${f.target.provider}:${f.target.kind}:${f.target.value}`).join(',')}`;
      const heard = this.heard.get(key);
      if (heard?.onCall !== undefined) out.set(input.ref, { someoneOnCall: heard.onCall });
      if (!heard || now - heard.at >= (this.options.freshMs ?? 300_000)) this.ask(key, source, input.ref);
    }
    return out;
  }

  /** Resolves when no provider question this source asked is still open (tests). */
  async idle(): Promise<void> {
    while (this.asking.size) await Promise.allSettled([...this.asking.values()]);
  }

  private ask(key: string, source: AnnotatedEntity, ref: string): void {
    let waiting = this.waiting.get(key);
    if (!waiting) {
      waiting = new Set();
      this.waiting.set(key, waiting);
    }
    waiting.add(ref);
    if (this.asking.has(key)) return;
    const asked = (async () => {
      const before = this.heard.get(key)?.onCall;
      let onCall: boolean | undefined;
      try {
        onCall = someoneOnCall(await this.directory.lookup([source]));
      } catch {
        onCall = undefined;
      }
      // A failed answer keeps what was heard before (a provider down says nothing new).
      this.heard.set(key, { onCall: onCall ?? before, at: this.now() });
      const refs = [...(this.waiting.get(key) ?? [])];
      this.waiting.delete(key);
      if ((onCall ?? before) !== before && refs.length) await this.options.onChanged?.(refs);
    })()
      .catch(() => undefined)
      .finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/** The entity, then its owner: where its rota is named. */
function chainOf(input: CatalogFactInput): AnnotatedEntity[] {
  const chain: AnnotatedEntity[] = [
    { ref: input.ref, name: input.entity.metadata.name, annotations: input.entity.metadata.annotations ?? {} },
  ];
  if (input.owner) chain.push({ ref: input.owner.ref, name: input.owner.ref, annotations: input.owner.annotations });
  return chain;
}

/** True when a provider answered with someone on call now; undefined when none could answer. */
function someoneOnCall(answers: OnCallAnswer[]): boolean | undefined {
  const heard = answers.filter((a) => (a.state === 'live' || a.state === 'stale') && a.roster);
  if (!heard.length) return undefined;
  return heard.some((a) => (a.roster?.now.length ?? 0) > 0);
}
