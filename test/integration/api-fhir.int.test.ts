import http from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { parseFhirId } from '../../src/fhir/fhir.id';
import { createApp } from '../../src/server';
import { codesOutsidePackage, fhirValidator, FhirValidator } from '../support/fhir';
import { startTestServer, TestServer } from '../support/server';

// The FHIR export on the seeded trials: every study's searchset Bundle validates against the FHIR
// R5 JSON schema, its numbers and quotes equal the GraphQL answer, each Evidence is readable
// alone, and bad requests get an OperationOutcome with the right status.

jest.setTimeout(120_000);

type Json = any;

/** What the GraphQL API says of each comparison of a study, to compare the FHIR output with. */
const COMPARISONS = `query($id: ID!) { study(id: $id) { outcomes { name comparisons {
  id effectMeasure estimate ci { level lower upper } p { operator value text sided }
  treatmentArm { label randomized } referenceArm { label randomized } evidence { quote verification document { title } } } } } }`;

describe('FHIR Evidence', () => {
  let server: TestServer;
  let validator: FhirValidator;
  let studies: string[];
  const bundles = new Map<string, Json>();

  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      allow: res.headers.get('allow'),
      body: text ? JSON.parse(text) : null,
    };
  };

  beforeAll(async () => {
    // The schema compiles synchronously for seconds: before the server and any request, so that
    // no keep-alive connection sits idle past the server's timeout meanwhile (ECONNRESET on reuse).
    validator = fhirValidator();
    server = await startTestServer();
    const { body } = await server.graphql('{ studies(first: 100) { edges { node { id } } } }');
    studies = body.data.studies.edges.map((e: Json) => e.node.id);
  });
  afterAll(() => server.close());

  it('gives every seeded study a searchset Bundle that validates, one Evidence per comparison with the numbers and quotes of the GraphQL answer', async () => {
    expect(studies.length).toBe(9);
    let evidences = 0;
    for (const study of studies) {
      const res = await get(`/fhir/Evidence?study=${study}`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/fhir+json; charset=utf-8');
      const bundle = res.body;
      expect(validator.errorsOf(bundle)).toEqual([]);
      expect(codesOutsidePackage(bundle)).toEqual([]);
      bundles.set(study, bundle);

      const answer = (await server.graphql(COMPARISONS, { id: study })).body.data.study;
      const comparisons = answer.outcomes.flatMap((o: Json) =>
        o.comparisons.map((c: Json) => ({ ...c, outcome: o.name })),
      );
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: comparisons.length });
      expect(bundle.link).toEqual([{ relation: 'self', url: `${server.url}/fhir/Evidence?study=${study}` }]);
      expect(bundle.entry).toHaveLength(comparisons.length);
      comparisons.forEach((c: Json, i: number) => {
        const entry = bundle.entry[i];
        const e = entry.resource;
        // The id names the comparison, reversibly.
        expect(parseFhirId(e.id)).toEqual({ study, key: c.id });
        expect(entry.fullUrl).toBe(`${server.url}/fhir/Evidence/${e.id}`);
        expect(entry.search).toEqual({ mode: 'match' });
        expect(e.identifier).toEqual([{ value: c.id }]);
        expect(e.variableDefinition.map((v: Json) => v.variableRole.coding[0].code)).toEqual([
          'population',
          'exposure',
          'referenceExposure',
          'measuredVariable',
        ]);
        expect(e.variableDefinition[1].observed.display).toBe(c.treatmentArm.label);
        expect(e.variableDefinition[2].observed.display).toBe(c.referenceArm.label);
        expect(e.variableDefinition[3].observed.display).toBe(c.outcome);

        const [statistic] = e.statistic;
        expect(statistic.quantity?.value).toBe(c.estimate ?? undefined);
        if (c.effectMeasure === 'HAZARD_RATIO') expect(statistic.statisticType).toEqual({ text: 'Hazard ratio' });
        if (c.effectMeasure === null) expect(statistic.statisticType).toBeUndefined();
        const ci = statistic.attributeEstimate?.find((a: Json) => a.type.text === 'Confidence interval');
        if (c.ci) {
          expect(ci.range.low?.value).toBe(c.ci.lower ?? undefined);
          expect(ci.range.high?.value).toBe(c.ci.upper ?? undefined);
          expect(ci.level).toBe(c.ci.level ?? undefined);
        } else expect(ci).toBeUndefined();
        const p = statistic.attributeEstimate?.find((a: Json) => a.type.text === 'p-value');
        if (c.p) {
          expect(p.quantity).toEqual(
            c.p.operator === '=' ? { value: c.p.value } : { value: c.p.value, comparator: c.p.operator },
          );
          expect(p.description).toBe(c.p.text);
        } else expect(p).toBeUndefined();
        const { randomized: t } = c.treatmentArm;
        const { randomized: r } = c.referenceArm;
        expect(statistic.sampleSize?.numberOfParticipants).toBe(t !== null && r !== null ? t + r : undefined);

        // Provenance: one note per evidence entry, with the words quoted verbatim, the verification level and the document.
        expect(e.note).toHaveLength(c.evidence.length);
        c.evidence.forEach((ev: Json, j: number) => {
          expect(e.note[j].text).toContain(`Quote: "${ev.quote}"`);
          expect(e.note[j].text).toContain(`Verification: ${ev.verification}`);
          expect(e.note[j].text).toContain(ev.document.title);
        });
        expect(e.relatedArtifact.filter((a: Json) => a.type === 'cites').map((a: Json) => a.display)).toEqual(
          [...new Set(c.evidence.map((ev: Json) => ev.document.title))].map((title) =>
            expect.stringContaining(title as string),
          ),
        );
        evidences += 1;
      });
    }
    expect(evidences).toBe(21);
    // The validation can fail: an Evidence without its required variableDefinition, or with a field R5 does not have.
    const netter = bundles.get('netter-1')!;
    const { variableDefinition, ...withoutVariables } = netter.entry[0].resource;
    expect(variableDefinition).toHaveLength(4);
    expect(validator.errorsOf({ ...netter, entry: [{ ...netter.entry[0], resource: withoutVariables }] })).not.toEqual(
      [],
    );
    expect(validator.errorsOf({ ...netter.entry[0].resource, relatesTo: [] })).not.toEqual([]);
  });

  it('cites the publications by PMID and DOI, and leaves out what the source does not give', () => {
    const netter = bundles
      .get('netter-1')!
      .entry.find((x: Json) => x.resource.id === 'netter-1.pfs-lutetium-vs-control').resource;
    expect(netter.relatedArtifact).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'citation',
          label: 'Primary report of the trial',
          publicationDate: '2017',
          citation: expect.stringContaining('PMID: 28076709. DOI: 10.1056/NEJMoa1607427'),
        }),
      ]),
    );
    expect(netter.statistic[0].attributeEstimate[0]).toEqual({
      description: '95 % confidence interval',
      type: { text: 'Confidence interval' },
      level: 95,
      range: { low: { value: 0.13 }, high: { value: 0.33 } },
    });
    expect(netter.statistic[0].sampleSize.numberOfParticipants).toBe(229);
    // The seed trial reports p-values only: no estimate, no measure, no interval.
    const seed = bundles.get('hae-vs-hace-midgut')!.entry[0].resource;
    expect(seed.statistic[0].quantity).toBeUndefined();
    expect(seed.statistic[0].statisticType).toBeUndefined();
    expect(seed.statistic[0].attributeEstimate).toEqual([
      { description: 'p = 0.90', type: { text: 'p-value' }, quantity: { value: 0.9 } },
    ]);
    expect(seed.relatedArtifact[0]).toMatchObject({
      type: 'cites',
      citation: expect.stringContaining('PMID: 22507901'),
      document: { url: expect.stringMatching(/^https:/) },
    });
    // A one-sided p-value says so.
    const radiant2 = bundles.get('radiant-2')!.entry[0].resource;
    expect(radiant2.statistic[0].attributeEstimate.find((a: Json) => a.type.text === 'p-value').note).toEqual([
      { text: 'One-sided test.' },
    ]);
  });

  it('reads one Evidence by its id: the same resource as in the Bundle, valid on its own', async () => {
    for (const study of ['netter-1', 'hae-vs-hace-midgut', 'radiant-2']) {
      for (const entry of bundles.get(study)!.entry) {
        const res = await get(`/fhir/Evidence/${entry.resource.id}`);
        expect(res.status).toBe(200);
        expect(res.type).toBe('application/fhir+json; charset=utf-8');
        expect(res.body).toEqual(entry.resource);
        expect(validator.errorsOf(res.body)).toEqual([]);
      }
    }
  });

  it('answers bad requests with an OperationOutcome: 400 for a bad parameter, 404 for an unknown study or id, 405 for another method', async () => {
    const cases: [string, RequestInit, number, string, string][] = [
      ['/fhir/Evidence', {}, 400, 'required', 'BAD_USER_INPUT'],
      ['/fhir/Evidence?study=', {}, 400, 'required', 'BAD_USER_INPUT'],
      ['/fhir/Evidence?study=NETTER%201', {}, 400, 'value', 'BAD_USER_INPUT'],
      ['/fhir/Evidence?study=netter-1&study=netter-2', {}, 400, 'value', 'BAD_USER_INPUT'],
      ['/fhir/Evidence?study=netter-1&_count=5', {}, 400, 'not-supported', 'BAD_USER_INPUT'],
      ['/fhir/Evidence?study=no-such-study', {}, 404, 'not-found', 'NOT_FOUND'],
      ['/fhir/Evidence/no-such-study.pfs', {}, 404, 'not-found', 'NOT_FOUND'],
      ['/fhir/Evidence/netter-1.no-such-comparison', {}, 404, 'not-found', 'NOT_FOUND'],
      ['/fhir/Evidence/netter-1..0123456789abcdef', {}, 404, 'not-found', 'NOT_FOUND'],
      ['/fhir/Evidence/netter-1%2Fpfs-lutetium-vs-control', {}, 404, 'not-found', 'NOT_FOUND'],
      ['/fhir/Patient/1', {}, 404, 'not-supported', 'NOT_FOUND'],
      [
        '/fhir/Evidence?study=netter-1',
        { method: 'POST', body: '{}', headers: { 'content-type': 'application/fhir+json' } },
        405,
        'not-supported',
        'METHOD_NOT_ALLOWED',
      ],
      [
        '/fhir/Evidence/netter-1.pfs-lutetium-vs-control',
        { method: 'DELETE' },
        405,
        'not-supported',
        'METHOD_NOT_ALLOWED',
      ],
    ];
    for (const [path, init, status, issueType, code] of cases) {
      const res = await get(path, init);
      expect({ path, status: res.status, type: res.type }).toEqual({
        path,
        status,
        type: 'application/fhir+json; charset=utf-8',
      });
      expect(res.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: issueType, diagnostics: code, details: { text: expect.any(String) } }],
      });
      expect(validator.errorsOf(res.body)).toEqual([]);
      expect(codesOutsidePackage(res.body)).toEqual([]);
      if (status === 405) expect(res.allow).toBe('GET');
    }
  });

  it('runs through the pipeline: its limits and the database state apply', async () => {
    // The cost limit of /graphql refuses the query behind the export as it would any other.
    const limited = await startTestServer({ limits: { ...loadConfig({}).limits, maxCost: 10 } });
    try {
      const res = await fetch(`${limited.url}/fhir/Evidence?study=netter-1`);
      const body = await res.json();
      expect(res.status).toBe(400);
      expect(body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'too-costly', diagnostics: 'QUERY_TOO_COMPLEX' }],
      });
    } finally {
      await limited.close();
    }
    // No database yet: 503, as /graphql answers.
    const app = await createApp(
      { ...loadConfig({}), requestTimeoutMs: 60_000 },
      { executor: null, notReadyReason: async () => 'not connected' },
    );
    const bare = http.createServer(app.handler);
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/fhir/Evidence?study=netter-1`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'no-store', diagnostics: 'DATABASE_UNAVAILABLE' }],
      });
    } finally {
      bare.closeAllConnections();
      await new Promise((resolve) => bare.close(resolve));
      await app.apollo.stop();
    }
  });
});
