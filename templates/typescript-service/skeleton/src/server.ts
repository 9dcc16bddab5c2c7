// ${{ values.name }}: the HTTP server. Routes are a table so that adding one is adding a row.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const routes: Record<string, Handler> = {
  'GET /healthz': (_req, res) => json(res, 200, { status: 'ok' }),
  'GET /': (_req, res) => json(res, 200, { service: '${{ values.name }}' }),
};

export function createApp(): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[`${req.method} ${path}`];
    if (handler) handler(req, res);
    else json(res, 404, { error: 'not found' });
  });
}
