import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { startTestServer, TestServer } from '../support/server';

// The shared concepts over HTTP (conditions, condition, interventions, intervention,
// outcomeConcepts, predictors) and the navigation from a concept to its studies, checked
// against seeds/vocabulary.json and the study files.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;
const VOCABULARY: Json = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'), 'utf8'));
const byName = (a: Json, b: Json) =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;

const LISTS = [
  { field: 'conditions', vocabulary: 'conditions', extra: 'kind' },
  { field: 'interventions', vocabulary: 'interventions', extra: 'kind' },
  { field: 'outcomeConcepts', vocabulary: 'outcomeConcepts', extra: 'abbreviation' },
  { field: 'predictors', vocabulary: 'predictors', extra: 'kind' },
] as const;

describe('shared concepts over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function data(query: string, variables: Record<string, unknown> = {}): Promise<Json> {
    const { status, body } = await server.graphql(query, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  describe.each(LISTS)('$field', ({ field, vocabulary, extra }) => {
    const expected = [...VOCABULARY[vocabulary]].sort(byName);

    it(`lists every ${vocabulary} entry of the vocabulary by name, with synonyms, codes and ${extra}`, async () => {
      const result = (
        await data(
          `{ ${field}(first: 100) { totalCount edges { node { id name synonyms codes { system code display source } curation ${extra} } } } }`,
        )
      )[field];
      expect(result.totalCount).toBe(expected.length);
      expect(result.edges.map((e: Json) => e.node)).toEqual(
        expected.map((c: Json) => ({
          id: c.id,
          name: c.name,
          synonyms: c.synonyms,
          codes: c.codes,
          curation: 'CURATED',
          [extra]: c[extra] ?? null,
        })),
      );
    });

    it('pages through the list with cursors', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const result: Json = (
          await data(
            `query P($after: String) { ${field}(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
            { after },
          )
        )[field];
        expect(result.totalCount).toBe(expected.length);
        seen.push(...result.edges.map((e: Json) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected.map((c: Json) => c.id));
    });
  });

  it('filters concept lists by a part of the name or of a synonym, case-insensitive', async () => {
    const ids = async (field: string, text: string) =>
      (
        await data(
          `query F($t: String) { ${field}(nameContains: $t, first: 100) { totalCount edges { node { id } } } }`,
          { t: text },
        )
      )[field].edges.map((e: Json) => e.node.id);
    expect(await ids('interventions', 'OCTREO')).toEqual(['octreotide-lar']);
    expect(await ids('interventions', 'lutathera')).toEqual([]); // not a synonym (seeds/README.md)
    expect(await ids('interventions', 'TACE')).toEqual(['chemoembolization', 'hepatic-arterial-chemoembolization']);
    expect(await ids('predictors', '5-hydroxyindoleacetic')).toEqual(['urinary-5-hiaa']);
    expect(await ids('predictors', 'extent of liver')).toEqual(['hepatic-tumour-burden']);
    expect(await ids('outcomeConcepts', 'progression')).toEqual([
      'hepatic-progression-free-survival',
      'progression-free-survival',
      'time-to-progression',
    ]);
    expect(await ids('conditions', 'midgut')).toEqual(['midgut-net-liver-metastases', 'midgut-net']);
    // Text is matched literally, never as a pattern.
    expect(await ids('conditions', '.*')).toEqual([]);
    expect(await ids('conditions', '%')).toEqual([]);
  });

  describe('intervention classes (IS_A)', () => {
    it('gives an intervention its classes and a class its agents', async () => {
      const { octreotide, ssa } = await data(`{
        octreotide: intervention(id: "octreotide-lar") { kind broader { id kind } }
        ssa: intervention(id: "somatostatin-analogue") { kind broader { id } narrower { id } }
      }`);
      expect(octreotide).toEqual({ kind: 'DRUG', broader: [{ id: 'somatostatin-analogue', kind: 'CLASS' }] });
      expect(ssa).toEqual({
        kind: 'CLASS',
        broader: [],
        narrower: [{ id: 'lanreotide-autogel' }, { id: 'octreotide-lar' }],
      });
    });

    it("a class's studies are those of its agents (includeNarrower, on by default), its count the stored one", async () => {
      const studies = async (includeNarrower?: boolean) =>
        (
          await data(
            `query S($n: Boolean!) { intervention(id: "somatostatin-analogue") { studies(first: 100, includeNarrower: $n) { totalCount edges { node { id } } } } }`,
            { n: includeNarrower ?? true },
          )
        ).intervention.studies;
      const all = await studies();
      const ids = all.edges.map((e: Json) => e.node.id).sort();
      // PROMID (octreotide LAR), CLARINET (lanreotide), NETTER-1, NETTER-2 and RADIANT-2 (octreotide LAR in an arm).
      expect(ids).toEqual(['clarinet', 'netter-1', 'netter-2', 'promid', 'radiant-2']);
      expect(all.totalCount).toBe(5);
      expect(await studies(false)).toEqual({ totalCount: 0, edges: [] });
    });

    it("links the seed trial's somatostatin-analogue factor to the trials of somatostatin analogues", async () => {
      const { predictorEvidence } = await data(`{ predictorEvidence(predictor: "somatostatin-analogue-treatment") {
        findings { edges { node { study { id } associated outcomeConcept { id } } } }
        predictor { intervention { id studies(first: 10) { edges { node { id } } } } }
      } }`);
      expect(predictorEvidence.findings.edges.map((e: Json) => e.node)).toEqual([
        { study: { id: 'hae-vs-hace-midgut' }, associated: false, outcomeConcept: { id: 'progression-free-survival' } },
      ]);
      expect(predictorEvidence.predictor.intervention.id).toBe('somatostatin-analogue');
      expect(predictorEvidence.predictor.intervention.studies.edges.map((e: Json) => e.node.id).sort()).toEqual([
        'clarinet',
        'netter-1',
        'netter-2',
        'promid',
        'radiant-2',
      ]);
    });

    it('studies(where: interventionIds) finds the trials of a class through its agents, unless includeNarrowerInterventions is false', async () => {
      const ids = async (narrower: boolean) =>
        (
          await data(
            `query S($n: Boolean!) { studies(where: { interventionIds: ["somatostatin-analogue"], includeNarrowerInterventions: $n }, first: 100) { totalCount edges { node { id } } } }`,
            { n: narrower },
          )
        ).studies;
      const found = await ids(true);
      expect(found.edges.map((e: Json) => e.node.id).sort()).toEqual([
        'clarinet',
        'netter-1',
        'netter-2',
        'promid',
        'radiant-2',
      ]);
      expect(found.totalCount).toBe(5);
      expect((await ids(false)).totalCount).toBe(0);
    });

    it('relatedStudies names a shared class (octreotide LAR and lanreotide: somatostatin analogue), weighing less than a shared agent', async () => {
      const { relatedStudies } = await data(
        `{ relatedStudies(id: "clarinet", first: 20) { study { id } shared { kind id weight } } }`,
      );
      const promid = relatedStudies.find((r: Json) => r.study.id === 'promid');
      const ssa = promid.shared.find((c: Json) => c.id === 'somatostatin-analogue');
      expect(ssa.kind).toBe('INTERVENTION_CLASS');
      // 1.5 × ln(1 + 10,000 / 5 studies holding it).
      expect(ssa.weight).toBeCloseTo(Math.round(1.5 * Math.log(1 + 10_000 / 5) * 1000) / 1000, 3);
      // The class of an agent both receive is not counted again: PROMID and NETTER-1 share octreotide LAR itself.
      const netter = (
        await data(`{ relatedStudies(id: "promid", first: 20) { study { id } shared { kind id } } }`)
      ).relatedStudies.find((r: Json) => r.study.id === 'netter-1');
      expect(netter.shared.map((c: Json) => c.id)).toContain('octreotide-lar');
      expect(netter.shared.map((c: Json) => c.id)).not.toContain('somatostatin-analogue');
    });

    it('gives an outcome concept its broader one: hepatic PFS IS_A PFS', async () => {
      const { outcomeConcepts } = await data(
        `{ outcomeConcepts(nameContains: "progression-free", first: 10) { edges { node { id broader { id } narrower { id } } } } }`,
      );
      expect(outcomeConcepts.edges.map((e: Json) => e.node)).toEqual([
        { id: 'hepatic-progression-free-survival', broader: [{ id: 'progression-free-survival' }], narrower: [] },
        { id: 'progression-free-survival', broader: [], narrower: [{ id: 'hepatic-progression-free-survival' }] },
      ]);
    });
  });

  describe('condition(id)', () => {
    it('gives the IS_A hierarchy: broader, narrower, ancestors nearest first', async () => {
      const { condition } = await data(
        `{ condition(id: "midgut-net") { id name kind broader { id } narrower { id } ancestors { id } } }`,
      );
      expect(condition).toEqual({
        id: 'midgut-net',
        name: 'Midgut neuroendocrine tumour',
        kind: 'DISEASE',
        broader: [{ id: 'gastrointestinal-net' }],
        narrower: [{ id: 'midgut-net-liver-metastases' }],
        ancestors: [
          { id: 'gastrointestinal-net' },
          { id: 'gastroenteropancreatic-net' },
          { id: 'neuroendocrine-tumour' },
        ],
      });
      const root = (
        await data(`{ condition(id: "neuroendocrine-tumour") { broader { id } narrower { id } ancestors { id } } }`)
      ).condition;
      expect(root.broader).toEqual([]);
      expect(root.ancestors).toEqual([]);
      const narrower = VOCABULARY.conditions.filter((c: Json) => c.broader.includes('neuroendocrine-tumour'));
      expect(root.narrower.map((c: Json) => c.id).sort()).toEqual(narrower.map((c: Json) => c.id).sort());
    });

    it('lists the studies of midgut NET: with narrower conditions the seed trial is one, without it is not', async () => {
      const studies = async (includeNarrower: boolean) =>
        (
          await data(
            `query C($n: Boolean!) { condition(id: "midgut-net") { studies(includeNarrower: $n, first: 100) { totalCount edges { node { id } } } } }`,
            { n: includeNarrower },
          )
        ).condition.studies;
      const withNarrower = await studies(true);
      expect(withNarrower.edges.map((e: Json) => e.node.id).sort()).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
        'promid',
      ]);
      expect(withNarrower.totalCount).toBe(4);
      const without = await studies(false);
      expect(without.edges.map((e: Json) => e.node.id).sort()).toEqual(['clarinet', 'netter-1', 'promid']);
      expect(without.totalCount).toBe(3);
      // includeNarrower defaults to true.
      const byDefault = (await data(`{ condition(id: "midgut-net") { studies { totalCount } } }`)).condition.studies;
      expect(byDefault.totalCount).toBe(4);
    });

    it('pages the studies of a condition', async () => {
      const first = (
        await data(
          `{ condition(id: "neuroendocrine-tumour") { studies(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`,
        )
      ).condition.studies;
      expect(first.totalCount).toBe(9);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = (
        await data(
          `query R($a: String) { condition(id: "neuroendocrine-tumour") { studies(first: 5, after: $a) { pageInfo { hasNextPage } edges { node { id } } } } }`,
          { a: first.pageInfo.endCursor },
        )
      ).condition.studies;
      expect(rest.pageInfo.hasNextPage).toBe(false);
      const all = [...first.edges, ...rest.edges].map((e: Json) => e.node.id);
      expect(new Set(all).size).toBe(9);
    });

    it('is null for an unknown key', async () => {
      expect(await data(`{ condition(id: "no-such-condition") { id } }`)).toEqual({ condition: null });
    });
  });

  describe('intervention(id)', () => {
    it('leads from everolimus to RADIANT-2, RADIANT-3 and RADIANT-4, and to their everolimus arms', async () => {
      const { intervention } = await data(`{ intervention(id: "everolimus") {
        id name kind
        studies(first: 10) { totalCount edges { node { id acronym } } }
        arms { id role study { id } }
      } }`);
      expect(intervention).toMatchObject({ id: 'everolimus', name: 'Everolimus', kind: 'DRUG' });
      expect(intervention.studies.totalCount).toBe(3);
      expect(intervention.studies.edges.map((e: Json) => e.node.acronym).sort()).toEqual([
        'RADIANT-2',
        'RADIANT-3',
        'RADIANT-4',
      ]);
      expect(intervention.arms.map((a: Json) => [a.study.id, a.role])).toEqual([
        ['radiant-2', 'EXPERIMENTAL'],
        ['radiant-3', 'EXPERIMENTAL'],
        ['radiant-4', 'EXPERIMENTAL'],
      ]);
    });

    it('is shared: octreotide LAR is one node for four trials, each arm with its own dose', async () => {
      const { intervention } = await data(
        `{ intervention(id: "octreotide-lar") { studies { totalCount edges { node { id } } } arms { id interventions { dose intervention { id } } } } }`,
      );
      expect(intervention.studies.edges.map((e: Json) => e.node.id).sort()).toEqual([
        'netter-1',
        'netter-2',
        'promid',
        'radiant-2',
      ]);
      const doses = Object.fromEntries(
        intervention.arms.map((a: Json) => [
          a.id,
          a.interventions.find((i: Json) => i.intervention.id === 'octreotide-lar').dose,
        ]),
      );
      expect(doses['netter-1/octreotide-lar-60']).toBe('60 mg');
      expect(doses['promid/octreotide-lar']).toBe('30 mg');
    });

    it('is null for an unknown key', async () => {
      expect(await data(`{ intervention(id: "no-such-drug") { id } }`)).toEqual({ intervention: null });
    });
  });

  it('leads from a predictor to its studies: hepatic tumour burden → the seed trial and PROMID', async () => {
    const { predictors } = await data(
      `{ predictors(nameContains: "hepatic", first: 5) { edges { node { id kind studies { totalCount edges { node { id } } } } } } }`,
    );
    expect(predictors.edges).toHaveLength(1);
    const node = predictors.edges[0].node;
    expect(node).toMatchObject({ id: 'hepatic-tumour-burden', kind: 'DISEASE_EXTENT' });
    expect(node.studies.totalCount).toBe(2);
    expect(node.studies.edges.map((e: Json) => e.node.id).sort()).toEqual(['hae-vs-hace-midgut', 'promid']);
  });

  it('leads from an outcome concept to its studies: PFS is measured by eight trials, time to progression by PROMID', async () => {
    const { outcomeConcepts } = await data(
      `{ outcomeConcepts(first: 10) { totalCount edges { node { id studies(first: 20) { totalCount edges { node { id } } } } } } }`,
    );
    expect(outcomeConcepts.totalCount).toBe(outcomeConcepts.edges.length);
    const studies = Object.fromEntries(
      outcomeConcepts.edges.map((e: Json) => [e.node.id, e.node.studies.edges.map((s: Json) => s.node.id).sort()]),
    );
    expect(studies['progression-free-survival']).toEqual([
      'clarinet',
      'hae-vs-hace-midgut',
      'netter-1',
      'netter-2',
      'radiant-2',
      'radiant-3',
      'radiant-4',
      'sunitinib-pnet-a6181111',
    ]);
    expect(studies['time-to-progression']).toEqual(['promid']);
    expect(studies['disease-control-rate']).toEqual(['hae-vs-hace-midgut']);
  });
});

describe('predictor → findings → studies', () => {
  let server: import('../support/server').TestServer;
  beforeAll(async () => {
    server = await (await import('../support/server')).startTestServer();
  });
  afterAll(() => server.close());

  it('leads from a predictor to every finding about it and to the study of each', async () => {
    const { body } = await server.graphql(`{
      predictors(nameContains: "hepatic") { edges { node { id findings { associated outcome { name } study { id } } } } }
    }`);
    expect(body.errors).toBeUndefined();
    const burden = body.data.predictors.edges
      .map((e: any) => e.node)
      .find((n: any) => n.id === 'hepatic-tumour-burden');
    // The seed: extent of liver involvement not associated with PFS; PROMID: high hepatic load associated with shorter OS.
    const byStudy = Object.fromEntries(burden.findings.map((f: any) => [f.study.id, f.associated]));
    expect(byStudy).toEqual({ 'hae-vs-hace-midgut': false, promid: true });
  });
});
