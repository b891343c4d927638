/** Checks the wiring of docker-compose.yml and the Dockerfile without Docker. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean> | string[];
  ports?: Array<string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[] };
}

const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const neo4j = compose.services.neo4j;
const app = compose.services.app;

/** The environment of a service as a map, whichever of the two compose forms it uses. */
function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

/** What compose substitutes when the variables are unset: ${NAME:-default} → default. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}

/** [host port, container port] of "container", "host:container" or "ip:host:container". */
function portPairs(service: Service): Array<[number, number]> {
  return (service.ports ?? []).map((entry) => {
    const parts = String(entry).split(':');
    const container = Number(parts[parts.length - 1]);
    return [parts.length > 1 ? Number(parts[parts.length - 2]) : container, container];
  });
}

describe('docker-compose.yml', () => {
  it('defines the neo4j and app services', () => {
    expect(neo4j).toBeDefined();
    expect(app).toBeDefined();
  });

  it('pins the Neo4j 5.26 Community image', () => {
    expect(neo4j.image).toBe('neo4j:5.26-community');
  });

  it('sizes Neo4j memory with the 5.x variable names only', () => {
    const names = Object.keys(envOf(neo4j));
    expect(names).toEqual(
      expect.arrayContaining(['NEO4J_server_memory_heap_max__size', 'NEO4J_server_memory_pagecache_size']),
    );
    expect(names.filter((name) => /memory/i.test(name)).every((name) => name.startsWith('NEO4J_server_memory_'))).toBe(
      true,
    );
    expect(names.filter((name) => name.startsWith('NEO4J_dbms_memory_'))).toEqual([]);
  });

  it('gives Neo4j and the app the same password, with a documented default of 8+ characters', () => {
    const auth = withDefaults(envOf(neo4j).NEO4J_AUTH);
    const password = withDefaults(envOf(app).NEO4J_PASSWORD);
    expect(auth).toBe(`neo4j/${password}`);
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')).toMatch(new RegExp(`^#.*${password}`, 'm'));
  });

  it('checks Neo4j health with a query and keeps its data in the declared named volume', () => {
    const test = neo4j.healthcheck?.test;
    expect([test].flat().join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    const volume = (neo4j.volumes ?? []).find((entry) => entry.endsWith(':/data'));
    expect(volume).toBeDefined();
    const name = volume!.split(':')[0];
    expect(compose.volumes).toHaveProperty(name);
  });

  it('publishes Bolt on 7687', () => {
    expect(portPairs(neo4j)).toContainEqual([7687, 7687]);
  });

  it('points the app at the neo4j service, on the port Neo4j listens on', () => {
    const uri = new URL(envOf(app).NEO4J_URI);
    expect(uri.protocol).toBe('bolt:');
    expect(uri.hostname).toBe('neo4j');
    expect(portPairs(neo4j).map(([, container]) => container)).toContain(Number(uri.port));
  });

  it('sets every variable the app reads to reach Neo4j and serve HTTP', () => {
    const env = envOf(app);
    for (const name of ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_PASSWORD', 'NEO4J_DATABASE', 'PORT']) {
      expect(env[name]).toBeTruthy();
    }
    expect(env.NEO4J_USERNAME).toBe('neo4j');
    expect(env.NEO4J_DATABASE).toBe('neo4j');
  });

  it('publishes the port the app listens on', () => {
    const port = Number(envOf(app).PORT);
    expect(portPairs(app)).toContainEqual([port, port]);
  });

  it('builds the app from this folder and starts it once Neo4j is healthy', () => {
    expect(app.build).toBe('.');
    expect(app.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it('runs what npm start runs, as the node user, on the app port', () => {
    expect(dockerfile).toContain(`CMD ["${pkg.scripts.start.split(' ').join('", "')}"]`);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${envOf(app).PORT}$`, 'm'));
  });

  it('ships the migrations and seeds the server reads at start', () => {
    expect(dockerfile).toMatch(/^COPY schema /m);
    expect(dockerfile).toMatch(/^COPY seeds /m);
  });
});
