// Bolt's HTTPReceiver with a guard in front of /slack/events. Bolt reads `body.ssl_check` off
// whatever the body parses to, outside any try: a body of JSON `null` (or `payload=null`) throws
// where nothing catches it, and the process ends. The guard reads the body first (Bolt reuses
// what it read), parses it exactly as Bolt will, and answers 400 unless it is a JSON object.
// It also stamps each request's arrival, so that the acknowledgement deadline counts from then
// rather than from when a listener gets round to it (under a burst, that can be seconds later),
// and runs it in a request scope, so a failure nothing caught is still logged with its request.
import type { IncomingMessage } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  type BufferedIncomingMessage,
  type HTTPReceiverOptions,
} from '@slack/bolt';
import type { Logger } from '../log.js';
import { inRequestScope } from './request-scope.js';

/** The context property a listener finds the request's arrival in (ms, on the app's clock). */
export const ARRIVED_AT = 'arrivedAt';

const arrivals = new WeakMap<IncomingMessage, number>();

export interface GuardedReceiverOptions extends Omit<HTTPReceiverOptions, 'customPropertiesExtractor'> {
  /** Where refused requests are logged (Bolt's own logger speaks only strings). */
  log: Logger;
  /** The app's clock (ms); arrivals are stamped with it. */
  now: () => number;
}

export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor({ log, now, ...options }: GuardedReceiverOptions) {
    super({ ...options, customPropertiesExtractor: (req) => ({ [ARRIVED_AT]: arrivals.get(req) ?? now() }) });
    const endpoints = [options.endpoints ?? '/slack/events'].flat();
    const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
    const boltListener = this.requestListener;
    this.requestListener = (req, res) =>
      inRequestScope({ method: req.method, url: req.url }, () => {
        arrivals.set(req, now());
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) {
          boltListener(req, res);
          return;
        }
        checkBody(req, bodyLimit)
          .then((refusal) => {
            if (!refusal) {
              boltListener(req, res);
              return;
            }
            const { status, reason } = refusal;
            log.warn({ method: req.method, url: req.url, status, reason }, 'Slack request refused');
            if (!res.headersSent) res.writeHead(status).end();
          })
          .catch((error: unknown) => {
            log.error({ err: error, method: req.method, url: req.url }, 'Slack request failed before reaching the app');
            if (!res.headersSent) res.writeHead(500).end();
          });
      });
  }
}

/** Why the body cannot go on to Bolt, or undefined when it can. */
type Refusal = { status: number; reason: string };

async function checkBody(req: IncomingMessage, bodyLimit: number | string): Promise<Refusal | undefined> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
  } catch (error) {
    if (isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
      return { status: 413, reason: `body over the limit of ${bodyLimit} bytes` };
    }
    return { status: 400, reason: 'body could not be read' };
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { status: 400, reason: 'body is not valid JSON or form data' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
    return { status: 400, reason: `body is ${what}, not an object` };
  }
  return undefined;
}
