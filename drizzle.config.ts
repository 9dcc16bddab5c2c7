import { defineConfig } from 'drizzle-kit';

// Only generation happens through drizzle-kit; the app applies migrations itself at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './migrations',
});
