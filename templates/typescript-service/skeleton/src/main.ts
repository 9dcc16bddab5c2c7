import { createApp } from './server.js';

const port = Number(process.env.PORT ?? ${{ values.port }});
const server = createApp().listen(port, () => {
  console.log(`${{ values.name }} listening on port ${port}`);
});

// Let the platform stop the service cleanly.
process.on('SIGTERM', () => server.close());
