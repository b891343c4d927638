import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { countHolders, holdingsOf, topRelated } from '../../src/studies/related.score';
import { ancestorsOf, profileOfFile } from '../fixtures/related';
import { startTestServer, TestServer } from '../support/server';

// `studies` (filters, sort, cursor pagination) and `relatedStudies` over HTTP, checked against
// the seed files: the expected lists are computed from seeds/ here, not taken from the server.

// The machine running the tests may be slow and busy: generous time for each test and hook.
jest.setTimeout(180_000);

type Json = any;
interface Fact {
  id: string;
  acronym: string | null;
  title: string;
  enrolment: number;
  year: number | null;
  phase: string | null;
}

const FACTS: Fact[] = fs
  .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8')))
  .map((file: Json) => ({
    id: file.study.id,
    acronym: file.study.acronym,
    title: file.study.title,
    enrolment: file.study.enrolment,
    phase: file.study.phase,
    // The year of a study is that of its primary report.
    year: file.publications.find((p: Json) => p.role === 'PRIMARY_REPORT')?.year ?? null,
  }));
const ALL_IDS = FACTS.map((f) => f.id).sort();

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** Expected order: by key (studies without it last, in both directions), then by study id ascending. */
function expectedOrder(key: (f: Fact) => string | number | null, direction: 'ASC' | 'DESC'): string[] {
  return [...FACTS]
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      let c: number;
      if (x === null && y === null) c = 0;
      else if (x === null) c = 1;
      else if (y === null) c = -1;
      else c = direction === 'ASC' ? cmp(x, y) : cmp(y, x);
      return c || cmp(a.id, b.id);
    })
    .map((f) => f.id);
}

const PAGE = `
query Page($first: Int, $after: String, $where: StudyWhere, $sort: StudySort) {
  studies(first: $first, after: $after, where: $where, sort: $sort) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id year enrolment title } }
  }
}`;

describe('studies and relatedStudies over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function page(variables: Record<string, unknown>): Promise<Json> {
    const { status, body } = await server.graphql(PAGE, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data.studies;
  }

  /** Every study matching `where`, in the returned order, with the total count (one page of 100). */
  async function ids(where: Record<string, unknown>, sort?: Record<string, unknown>): Promise<string[]> {
    const result = await page({ where, sort, first: 100 });
    expect(result.totalCount).toBe(result.edges.length);
    return result.edges.map((e: Json) => e.node.id);
  }

  describe('pagination', () => {
    it('walks every study two at a time, without gaps or repeats, and totalCount is the number of studies', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const result: Json = await page({ first: 2, after });
        pages += 1;
        expect(result.totalCount).toBe(FACTS.length);
        expect(result.edges.length).toBeLessThanOrEqual(2);
        expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor ?? null);
        expect(result.pageInfo.endCursor).toBe(result.edges[result.edges.length - 1]?.cursor ?? null);
        seen.push(...result.edges.map((e: Json) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
        expect(pages).toBeLessThan(20);
      }
      expect(pages).toBe(Math.ceil(FACTS.length / 2));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(ALL_IDS);
      // The pages, end to end, are the one-page list in the same (default: title) order.
      expect(seen).toEqual(await ids({}));
    });

    it('continues after any cursor of a page, and returns an empty last page after the last item', async () => {
      const all = await page({ first: 100 });
      const cursors = all.edges.map((e: Json) => e.cursor);
      const third = await page({ first: 3, after: cursors[2] });
      expect(third.edges.map((e: Json) => e.node.id)).toEqual(all.edges.slice(3, 6).map((e: Json) => e.node.id));
      const end = await page({ first: 3, after: cursors[cursors.length - 1] });
      expect(end).toMatchObject({
        totalCount: FACTS.length,
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, endCursor: null },
      });
    });

    it('keeps filters across pages: totalCount is that of the filtered list', async () => {
      const first = await page({ first: 2, where: { phases: ['PHASE_3'] } });
      const phase3 = FACTS.filter((f) => f.phase === 'PHASE_3').length;
      expect(phase3).toBe(7);
      expect(first.totalCount).toBe(phase3);
      const second = await page({ first: 100, after: first.pageInfo.endCursor, where: { phases: ['PHASE_3'] } });
      expect(second.edges).toHaveLength(phase3 - 2);
    });
  });

  describe('totalCountUpTo', () => {
    const COUNTS = `
query Counts($where: StudyWhere, $limit: Int!) {
  studies(where: $where, first: 1) {
    totalCount
    totalCountUpTo(limit: $limit) { count exact }
    one: totalCountUpTo(limit: 1) { count exact }
    wide: totalCountUpTo(limit: 10000) { count exact }
  }
}`;
    // Each kind of count: every study, one concept key (a stored count), several filters at once
    // and a scalar filter (counted, and stopped one past the bound).
    const WHERES: Record<string, unknown>[] = [
      {},
      { conditionIds: ['midgut-net'] },
      { conditionIds: ['midgut-net'], includeNarrowerConditions: false },
      { conditionIds: ['neuroendocrine-tumour'], outcomeConceptIds: ['progression-free-survival'] },
      { conditionIds: ['neuroendocrine-tumour'], interventionIds: ['somatostatin-analogue'], phases: ['PHASE_3'] },
      { phases: ['PHASE_3'] },
      { conditionIds: ['no-such-condition'] },
    ];

    it('is the total up to the bound, exact when it does not exceed it, under its name and under aliases', async () => {
      let cut = 0;
      for (const where of WHERES) {
        const total = (await ids(where)).length;
        for (let limit = 1; limit <= total + 1; limit += 1) {
          const { status, body } = await server.graphql(COUNTS, { where, limit });
          expect(status).toBe(200);
          expect(body.errors).toBeUndefined();
          const studies = body.data.studies;
          expect(studies.totalCount).toBe(total);
          expect(studies.totalCountUpTo).toEqual({ count: Math.min(total, limit), exact: total <= limit });
          expect(studies.one).toEqual({ count: Math.min(total, 1), exact: total <= 1 });
          expect(studies.wide).toEqual({ count: total, exact: true });
          if (total > limit) cut += 1;
        }
      }
      expect(cut).toBeGreaterThan(10);
    });

    it('is the same in an operation without aliases (compiled, each field read as a property)', async () => {
      const where = { conditionIds: ['neuroendocrine-tumour'], outcomeConceptIds: ['progression-free-survival'] };
      const total = (await ids(where)).length;
      expect(total).toBeGreaterThan(3);
      for (let run = 0; run < 3; run += 1) {
        const { body } = await server.graphql(
          `query Q($where: StudyWhere) { studies(where: $where, first: 1) { totalCountUpTo(limit: 3) { count exact } } }`,
          { where },
        );
        expect(body.errors).toBeUndefined();
        expect(body.data).toEqual({ studies: { totalCountUpTo: { count: 3, exact: false } } });
      }
    });

    it("counts a concept's studies up to the bound in a nested connection", async () => {
      const { body } = await server.graphql(`{
  condition(id: "midgut-net") {
    studies(first: 1) { totalCount totalCountUpTo(limit: 2) { count exact } }
    direct: studies(first: 1, includeNarrower: false) { totalCount totalCountUpTo(limit: 2) { count exact } }
  }
}`);
      expect(body.errors).toBeUndefined();
      const { studies, direct } = body.data.condition;
      expect(studies.totalCount).toBeGreaterThan(2);
      expect(studies.totalCountUpTo).toEqual({ count: 2, exact: false });
      expect(direct.totalCountUpTo).toEqual({ count: Math.min(direct.totalCount, 2), exact: direct.totalCount <= 2 });
    });

    it.each([0, -1, 10_001])('refuses limit = %p with BAD_USER_INPUT naming "limit"', async (limit) => {
      const { status, body } = await server.graphql(COUNTS, { where: {}, limit });
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors.map((e: Json) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors[0].extensions.argument).toBe('limit');
      expect(body.errors[0].message).toMatch(/between 1 and 10000/);
    });
  });

  describe('sort', () => {
    const keys: Record<string, (f: Fact) => string | number | null> = {
      YEAR: (f) => f.year,
      ENROLMENT: (f) => f.enrolment,
      TITLE: (f) => f.title.toLowerCase(),
    };
    for (const field of Object.keys(keys)) {
      for (const direction of ['ASC', 'DESC'] as const) {
        it(`sorts by ${field} ${direction}`, async () => {
          expect(await ids({}, { field, direction })).toEqual(expectedOrder(keys[field], direction));
        });
      }
    }

    it('puts the facts in the order one expects: enrolment 26 (seed) … 429 (RADIANT-2); PROMID 2009 first by year, the undated seed last', async () => {
      const byEnrolment = await ids({}, { field: 'ENROLMENT', direction: 'ASC' });
      expect(byEnrolment[0]).toBe('hae-vs-hace-midgut');
      expect(byEnrolment[byEnrolment.length - 1]).toBe('radiant-2');
      const byYear = await ids({}, { field: 'YEAR', direction: 'ASC' });
      expect(byYear[0]).toBe('promid');
      expect(byYear.slice(1, 4)).toEqual(['radiant-2', 'radiant-3', 'sunitinib-pnet-a6181111']); // 2011, by id
      expect(byYear[byYear.length - 1]).toBe('hae-vs-hace-midgut');
      const byYearDesc = await ids({}, { field: 'YEAR', direction: 'DESC' });
      expect(byYearDesc.slice(0, 2)).toEqual(['netter-2', 'netter-1']);
      expect(byYearDesc[byYearDesc.length - 1]).toBe('hae-vs-hace-midgut');
    });

    it('sorts by title ascending when no sort is given', async () => {
      expect(await ids({})).toEqual(expectedOrder(keys.TITLE, 'ASC'));
    });
  });

  describe('filters', () => {
    it('gives the same studies in the same order whichever plan reads the page (small pages of a common condition walk the title index)', async () => {
      // Every seed study is of a neuroendocrine tumour: with first: 1, (9 holders)² > (skip + 2) × 9
      // studies, so the first pages walk studies in titleKey order, testing the condition from each
      // study, until later pages pass the threshold; first: 100 reads them from the condition.
      for (const direction of ['ASC', 'DESC']) {
        const where = { conditionIds: ['neuroendocrine-tumour'] };
        const sort = { field: 'TITLE', direction };
        const whole = await ids(where, sort);
        expect(whole).toEqual(expectedOrder((f) => f.title.toLowerCase(), direction as 'ASC' | 'DESC'));
        const walked: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 20; i += 1) {
          const result: Json = await page({ where, sort, first: 1, after });
          expect(result.totalCount).toBe(FACTS.length);
          walked.push(...result.edges.map((e: Json) => e.node.id));
          if (!result.pageInfo.hasNextPage) break;
          after = result.pageInfo.endCursor;
        }
        expect(walked).toEqual(whole);
      }
    });

    it('condition midgut NET with narrower conditions: CLARINET, the seed trial (liver metastases), NETTER-1, PROMID', async () => {
      expect((await ids({ conditionIds: ['midgut-net'] })).sort()).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
        'promid',
      ]);
      expect((await ids({ conditionIds: ['midgut-net'], includeNarrowerConditions: true })).sort()).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
        'promid',
      ]);
    });

    it('condition midgut NET without narrower conditions leaves the seed trial out', async () => {
      expect((await ids({ conditionIds: ['midgut-net'], includeNarrowerConditions: false })).sort()).toEqual([
        'clarinet',
        'netter-1',
        'promid',
      ]);
    });

    it('conditions higher in the hierarchy: gastrointestinal NET takes in midgut and hindgut trials and RADIANT-4', async () => {
      expect((await ids({ conditionIds: ['gastrointestinal-net'] })).sort()).toEqual([
        'clarinet',
        'hae-vs-hace-midgut',
        'netter-1',
        'promid',
        'radiant-4',
      ]);
      expect((await ids({ conditionIds: ['neuroendocrine-tumour'] })).sort()).toEqual(ALL_IDS);
      expect((await ids({ conditionIds: ['neuroendocrine-tumour'], includeNarrowerConditions: false })).sort()).toEqual(
        ['radiant-2'],
      );
      expect((await ids({ conditionIds: ['pancreatic-net', 'lung-net'] })).sort()).toEqual([
        'clarinet',
        'radiant-3',
        'radiant-4',
        'sunitinib-pnet-a6181111',
      ]);
    });

    it('intervention everolimus: RADIANT-2, RADIANT-3, RADIANT-4', async () => {
      expect((await ids({ interventionIds: ['everolimus'] })).sort()).toEqual(['radiant-2', 'radiant-3', 'radiant-4']);
      expect((await ids({ interventionIds: ['everolimus', 'sunitinib'] })).sort()).toEqual([
        'radiant-2',
        'radiant-3',
        'radiant-4',
        'sunitinib-pnet-a6181111',
      ]);
      expect((await ids({ interventionIds: ['lutetium-177-dotatate'] })).sort()).toEqual(['netter-1', 'netter-2']);
    });

    it('outcome concept: time to progression is PROMID only; response rate the four trials declaring it', async () => {
      expect(await ids({ outcomeConceptIds: ['time-to-progression'] })).toEqual(['promid']);
      expect((await ids({ outcomeConceptIds: ['objective-response-rate'] })).sort()).toEqual([
        'hae-vs-hace-midgut',
        'netter-1',
        'netter-2',
        'sunitinib-pnet-a6181111',
      ]);
    });

    it('predictor: hepatic tumour burden in the seed trial and PROMID; urinary 5-HIAA in the seed trial', async () => {
      expect((await ids({ predictorIds: ['hepatic-tumour-burden'] })).sort()).toEqual(['hae-vs-hace-midgut', 'promid']);
      expect(await ids({ predictorIds: ['urinary-5-hiaa'] })).toEqual(['hae-vs-hace-midgut']);
    });

    it('phases: PHASE_3B is PROMID; PHASE_3 the seven phase 3 trials', async () => {
      expect(await ids({ phases: ['PHASE_3B'] })).toEqual(['promid']);
      expect((await ids({ phases: ['PHASE_3'] })).sort()).toEqual(
        FACTS.filter((f) => f.phase === 'PHASE_3')
          .map((f) => f.id)
          .sort(),
      );
      expect((await ids({ phases: ['PHASE_3', 'PHASE_3B'] })).sort()).toEqual(
        ALL_IDS.filter((id) => id !== 'hae-vs-hace-midgut'),
      );
      expect(await ids({ phases: ['PHASE_2'] })).toEqual([]);
    });

    it('year range: 2011 to 2014 is RADIANT-2, RADIANT-3, sunitinib and CLARINET; one-sided ranges too', async () => {
      expect((await ids({ yearFrom: 2011, yearTo: 2014 })).sort()).toEqual([
        'clarinet',
        'radiant-2',
        'radiant-3',
        'sunitinib-pnet-a6181111',
      ]);
      expect((await ids({ yearFrom: 2017 })).sort()).toEqual(['netter-1', 'netter-2']);
      expect(await ids({ yearTo: 2010 })).toEqual(['promid']);
      expect(await ids({ yearFrom: 2011, yearTo: 2011 })).toHaveLength(3);
    });

    it('registryId: ClinicalTrials.gov, EudraCT and sponsor codes, exactly', async () => {
      expect(await ids({ registryId: 'NCT01578239' })).toEqual(['netter-1']);
      expect(await ids({ registryId: 'NCT00842348' })).toEqual(['clarinet']); // the second NCT of CLARINET
      expect(await ids({ registryId: '2006-006819-75' })).toEqual(['radiant-3']);
      expect(await ids({ registryId: 'A6181111' })).toEqual(['sunitinib-pnet-a6181111']);
      expect(await ids({ registryId: 'nct01578239' })).toEqual([]);
      expect(await ids({ registryId: 'NCT0157823' })).toEqual([]);
    });

    it('masking, allocation and design features', async () => {
      expect((await ids({ masking: 'OPEN_LABEL' })).sort()).toEqual(['netter-1', 'netter-2']);
      expect(await ids({ allocation: 'RANDOMIZED' })).toHaveLength(FACTS.length);
      expect(await ids({ designFeatures: ['PROSPECTIVE', 'MULTICENTRE'] })).toContain('hae-vs-hace-midgut');
    });

    it('combines filters with AND', async () => {
      expect(
        await ids({ conditionIds: ['midgut-net'], interventionIds: ['octreotide-lar'], masking: 'DOUBLE_BLIND' }),
      ).toEqual(['promid']);
      expect(
        await ids({
          interventionIds: ['everolimus'],
          conditionIds: ['pancreatic-net'],
          includeNarrowerConditions: false,
        }),
      ).toEqual(['radiant-3']);
      expect(await ids({ interventionIds: ['everolimus'], yearFrom: 2012 })).toEqual(['radiant-4']);
    });

    it('unknown keys in filters match nothing', async () => {
      expect(await ids({ conditionIds: ['no-such-condition'] })).toEqual([]);
      expect(await ids({ interventionIds: [] })).toEqual([]);
    });
  });

  describe('relatedStudies', () => {
    const RELATED = `query R($id: ID!, $first: Int) { relatedStudies(id: $id, first: $first) { score study { id acronym } shared { kind id name weight } } }`;
    // The expected answers, from seeds/ alone with the scoring of src/studies/related.score.ts.
    const vocabulary: Json = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'vocabulary.json'), 'utf8'));
    const ancestors = ancestorsOf(vocabulary);
    const holdings = fs
      .readdirSync(path.join(REPO_ROOT, 'seeds', 'studies'))
      .filter((f) => f.endsWith('.json'))
      .map((f) =>
        holdingsOf(
          profileOfFile(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'studies', f), 'utf8'))),
          ancestors,
        ),
      );
    const freq = { holders: countHolders(holdings) };
    const expected = (id: string) =>
      topRelated(
        holdings.find((h) => h.id === id)!,
        holdings,
        ancestors,
        freq,
      );
    const names = new Map<string, string>(
      ['conditions', 'interventions', 'outcomeConcepts', 'predictors'].flatMap((g) =>
        vocabulary[g].map((c: Json) => [c.id, c.name] as [string, string]),
      ),
    );
    const answer = (entries: ReturnType<typeof expected>) =>
      entries.map((e) => ({
        id: e.id,
        score: e.scoreMilli / 1000,
        shared: e.shared.map((c) => ({ kind: c.kind, id: c.id, name: names.get(c.id), weight: c.weightMilli / 1000 })),
      }));

    it('ranks PROMID and NETTER-1 first for the seed trial, through midgut NET, the most specific condition they share', async () => {
      const { status, body } = await server.graphql(RELATED, { id: 'hae-vs-hace-midgut' });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const related: Json[] = body.data.relatedStudies;
      const byId = Object.fromEntries(related.map((r) => [r.study.id, r]));
      expect(related.map((r) => r.study.id)).not.toContain('hae-vs-hace-midgut');
      // midgut NET: kind weight 1 + 3 ancestors, held by 4 studies.
      const midgut = {
        kind: 'CONDITION',
        id: 'midgut-net',
        name: 'Midgut neuroendocrine tumour',
        weight: Math.round(4 * Math.log(1 + 10_000 / 4) * 1000) / 1000,
      };
      for (const id of ['promid', 'netter-1']) {
        expect(byId[id].shared).toContainEqual(midgut);
        // midgut NET covers its ancestors: they are not listed again.
        expect(byId[id].shared.map((s: Json) => s.id)).not.toContain('neuroendocrine-tumour');
      }
      // PROMID also shares a predictor (extent of liver involvement / hepatic tumour load, held by 2 studies) and overall survival.
      expect(byId.promid.shared).toContainEqual({
        kind: 'PREDICTOR',
        id: 'hepatic-tumour-burden',
        name: 'Hepatic tumour burden',
        weight: Math.round(2 * Math.log(1 + 10_000 / 2) * 1000) / 1000,
      });
      expect(byId['netter-1'].shared.map((s: Json) => s.id)).toEqual(
        expect.arrayContaining(['progression-free-survival', 'overall-survival', 'objective-response-rate']),
      );
      expect(related.slice(0, 2).map((r) => r.study.id)).toEqual(['promid', 'netter-1']);
      // Every score is the sum of its weights, best first; every other study shares at least the NET hierarchy.
      for (const r of related)
        expect(r.score).toBeCloseTo(
          r.shared.reduce((sum: number, s: Json) => sum + s.weight, 0),
          9,
        );
      expect(related.map((r) => r.score)).toEqual([...related.map((r) => r.score)].sort((a, b) => b - a));
      expect(related.map((r) => r.study.id).sort()).toEqual(ALL_IDS.filter((id) => id !== 'hae-vs-hace-midgut'));
    });

    it.each(ALL_IDS)('answers for %s exactly what the scoring of the seed files gives', async (id) => {
      const { body } = await server.graphql(RELATED, { id, first: 100 });
      expect(body.errors).toBeUndefined();
      expect(body.data.relatedStudies.map((r: Json) => ({ id: r.study.id, score: r.score, shared: r.shared }))).toEqual(
        answer(expected(id)),
      );
    });

    it('weighs a shared experimental intervention 3 and a shared comparator 2 before rarity, each shared concept once (RADIANT-3 and the sunitinib trial)', async () => {
      const { body } = await server.graphql(RELATED, { id: 'radiant-3' });
      const sunitinib = body.data.relatedStudies.find((r: Json) => r.study.id === 'sunitinib-pnet-a6181111');
      // Both trials: drug + best supportive care vs placebo + best supportive care, in pancreatic NET.
      const w = (kindWeight: number, holders: number) =>
        Math.round(kindWeight * Math.log(1 + 10_000 / holders) * 1000) / 1000;
      expect(sunitinib.shared).toEqual(
        expect.arrayContaining([
          { kind: 'CONDITION', id: 'pancreatic-net', name: 'Pancreatic neuroendocrine tumour', weight: w(3, 3) },
          { kind: 'INTERVENTION', id: 'best-supportive-care', name: 'Best supportive care', weight: w(3, 2) },
          { kind: 'COMPARATOR', id: 'placebo', name: 'Placebo', weight: w(2, 6) },
        ]),
      );
      const radiant4 = body.data.relatedStudies.find((r: Json) => r.study.id === 'radiant-4');
      expect(radiant4.shared).toContainEqual({
        kind: 'INTERVENTION',
        id: 'everolimus',
        name: 'Everolimus',
        weight: w(3, 3),
      });
      expect(radiant4.shared).toContainEqual({ kind: 'COMPARATOR', id: 'placebo', name: 'Placebo', weight: w(2, 6) });
      for (const related of body.data.relatedStudies) {
        const ids = related.shared.map((s: Json) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    });

    it('returns at most `first` related studies, the best ones', async () => {
      const all = (await server.graphql(RELATED, { id: 'hae-vs-hace-midgut', first: 100 })).body.data.relatedStudies;
      const two = (await server.graphql(RELATED, { id: 'hae-vs-hace-midgut', first: 2 })).body.data.relatedStudies;
      expect(two).toEqual(all.slice(0, 2));
    });
  });
});
