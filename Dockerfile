# The GraphQL server, for docker-compose.yml (which supplies Neo4j and NEO4J_URI).
# The image holds no Java: without NEO4J_URI the server would try to start a local Neo4j and stop
# with JAVA_MISSING.

# Build: compile the TypeScript and bundle the pages' browser scripts (dist/browser/, with
# esbuild, a dev dependency), then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json tsconfig.browser.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

# Runtime: compiled JavaScript, production dependencies, the Cypher migrations (schema/) and the
# seeds; runs as the unprivileged node user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY seeds ./seeds
USER node
EXPOSE 4000
CMD ["node", "--no-memory-reducer", "dist/src/index.js"]
