// The receiver used when no Slack workspace is configured: Slack's requests arrive through
// LocalAsker instead (the CLI and the playground), and the HTTP port still serves the extra
// routes (/healthz, /github/webhook) exactly as it does in HTTP mode.
import { createServer, type Server } from 'node:http';
import type { App, CustomRoute, Receiver } from '@slack/bolt';
import { inRequestScope } from './request-scope.js';

export class LocalReceiver implements Receiver {
  private server?: Server;

  constructor(private readonly routes: readonly CustomRoute[]) {}

  init(_app: App): void {
    // Requests reach the app through app.processEvent (see LocalAsker), not through this receiver.
  }

  start(port: number): Promise<Server> {
    const server = createServer((req, res) =>
      inRequestScope({ method: req.method, url: req.url }, () => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const method = (req.method ?? 'GET').toUpperCase();
        const route = this.routes.find(
          (r) =>
            r.path === path &&
            [r.method]
              .flat()
              .map((m) => m.toUpperCase())
              .includes(method),
        );
        if (!route) {
          res.writeHead(404).end();
          return;
        }
        route.handler(Object.assign(req, { params: {} }), res);
      }),
    );
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve(server));
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}
