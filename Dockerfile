# Callboard's container image: built in one stage with the dev tools, run in a second with only
# production dependencies, the compiled code, migrations, templates, scorecards and the demo catalog.
# docs/deploy.md explains the settings; compose.yaml runs Postgres with two replicas.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here (the prepare script would build before the sources are copied).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 CALLBOARD_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/commands ./dist/commands
# The migrated, empty PGlite folder that a fresh embedded store starts from (made by the build).
COPY --from=build /app/dist/pglite-template ./dist/pglite-template
COPY bin ./bin
COPY migrations ./migrations
COPY templates ./templates
COPY examples ./examples
COPY scorecards ./scorecards
# The embedded store (only used without DATABASE_URL) keeps its files in a volume owned by node.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Liveness: /healthz answers at once whatever the database does (/readyz is for load balancers).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/callboard.js"]
CMD ["start"]
