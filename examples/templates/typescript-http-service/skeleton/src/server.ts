// {{values.name}}: {{values.description}}
import { createServer } from 'node:http';
import { healthHandler, logger, onShutdown } from '@kestrel-pay/service-kit';

const port = Number(process.env.PORT ?? {{values.port}});

const server = createServer((request, response) => {
  if (request.url === '/healthz') return healthHandler(request, response);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ service: {{json values.name}} }));
});

server.listen(port, () => logger.info({ port }, '{{values.name}} listening'));
onShutdown(() => new Promise<void>((resolve) => server.close(() => resolve())));
