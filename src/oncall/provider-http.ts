// JSON over HTTP for on-call providers, with their failures in plain words. A 429 becomes a
// RateLimitedError carrying Retry-After, so the directory can hold the next request back. Error
// messages name the provider and the status, never the request's headers (they carry the token).

/** Used when a 429 comes without a usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export class RateLimitedError extends ProviderError {
  constructor(
    provider: string,
    readonly retryAfterMs: number,
  ) {
    super(provider, `${provider} is limiting requests (429); asking again in ${Math.ceil(retryAfterMs / 1000)} s`, 429);
    this.name = 'RateLimitedError';
  }
}

interface JsonRequest {
  provider: string;
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  signal: AbortSignal;
  /** Statuses that are answers rather than failures (e.g. the Events API's 400 body). */
  accept?: number[];
}

export async function requestJson<T>(request: JsonRequest): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: { ...request.headers, ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (error) {
    const reason = request.signal.aborted
      ? 'took too long'
      : error instanceof Error
        ? ((error.cause as Error | undefined)?.message ?? error.message)
        : String(error);
    throw new ProviderError(request.provider, `${request.provider} could not be reached (${reason})`);
  }
  if (response.status === 429) {
    await response.body?.cancel();
    throw new RateLimitedError(request.provider, retryAfterMs(response.headers.get('retry-after')));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok && !request.accept?.includes(response.status)) {
    throw new ProviderError(
      request.provider,
      `${request.provider} answered ${response.status}${describe(body)}`,
      response.status,
    );
  }
  return { status: response.status, body: body as T };
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}

/** The message a provider's error body carries (PagerDuty: error.message, Opsgenie: message). */
function describe(body: unknown): string {
  const b = body as { error?: { message?: unknown; errors?: unknown }; message?: unknown } | undefined;
  const message =
    typeof b?.error?.message === 'string' ? b.error.message : typeof b?.message === 'string' ? b.message : undefined;
  const details = Array.isArray(b?.error?.errors)
    ? (b.error.errors as unknown[]).filter((e) => typeof e === 'string').join('; ')
    : '';
  return message ? `: ${message}${details ? ` (${details})` : ''}` : '';
}
