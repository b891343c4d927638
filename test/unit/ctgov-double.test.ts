import { fetchStudy } from '../../src/ctgov/ctgov.client';
import {
  CtgovDouble,
  CtgovRecord,
  loadRealRecords,
  makeVariant,
  makeVariants,
  startCtgovDouble,
  variantNctId,
} from '../support/ctgov-double';

/** The local ClinicalTrials.gov API v2 double (test/support/ctgov-double.ts), over the real records of test/fixtures/ctgov-real/. */

const REAL_IDS = ['NCT02210780', 'NCT02552212', 'NCT05594173'];
const real = loadRealRecords();
/** 3 real records and 22 variants of them: 25 records, several pages at small page sizes. */
const served: CtgovRecord[] = [...real, ...makeVariants(real, 22, 1)];
const lastUpdate = (r: CtgovRecord): string => r.protocolSection.statusModule.lastUpdatePostDateStruct.date;
const idOf = (r: CtgovRecord): string => r.protocolSection.identificationModule.nctId;
const allIds = served.map(idOf).sort();

let api: CtgovDouble;

/** GET with a 5 s bound; the parsed body (JSON, else text). */
async function get(path: string): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${api.url}${path}`, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
}

/** Every page of a listing, following nextPageToken; the pages' bodies. */
async function allPages(query: string): Promise<any[]> {
  const pages: any[] = [];
  let token: string | undefined;
  do {
    const { status, body } = await get(
      `/api/v2/studies?${query}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
    );
    expect(status).toBe(200);
    pages.push(body);
    token = body.nextPageToken;
    expect(pages.length).toBeLessThan(100);
  } while (token);
  return pages;
}

const ids = (body: any): string[] => body.studies.map(idOf);

beforeAll(async () => {
  api = await startCtgovDouble({ records: served });
});

afterAll(async () => {
  await api?.close();
});

describe('ClinicalTrials.gov API v2 double (test/support/ctgov-double.ts)', () => {
  it('listens on 127.0.0.1 and serves the real records unchanged', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.size).toBe(25);
    const { status, body } = await get('/api/v2/studies/NCT02552212');
    expect(status).toBe(200);
    expect(body).toEqual(real[1]);
  });

  it('pages through every record once, in NCT id order, with pageToken', async () => {
    const pages = await allPages('pageSize=4');
    expect(pages).toHaveLength(7);
    expect(pages.slice(0, -1).every((p) => p.studies.length === 4 && typeof p.nextPageToken === 'string')).toBe(true);
    expect(pages[6].studies).toHaveLength(1);
    expect(pages[6]).not.toHaveProperty('nextPageToken');
    expect(pages.flatMap(ids)).toEqual(allIds);
    // Default page size 10; 0 means the default; above 1,000 is coerced down.
    expect(ids((await get('/api/v2/studies')).body)).toEqual(allIds.slice(0, 10));
    expect(ids((await get('/api/v2/studies?pageSize=0')).body)).toEqual(allIds.slice(0, 10));
    expect(ids((await get('/api/v2/studies?pageSize=5000')).body)).toEqual(allIds);
  });

  it('answers totalCount with countTotal=true, on the first page only', async () => {
    const first = (await get('/api/v2/studies?pageSize=10&countTotal=true')).body;
    expect(first.totalCount).toBe(25);
    expect((await get('/api/v2/studies?pageSize=10')).body).not.toHaveProperty('totalCount');
    const second = (await get(`/api/v2/studies?pageSize=10&countTotal=true&pageToken=${first.nextPageToken}`)).body;
    expect(second).not.toHaveProperty('totalCount');
    expect(ids(second)).toEqual(allIds.slice(10, 20));
    const cond = (await get('/api/v2/studies?query.cond=dysphagia&countTotal=true')).body;
    expect(cond.totalCount).toBe(cond.studies.length);
  });

  it('refuses a pageToken with other parameters than its first page', async () => {
    const first = (await get('/api/v2/studies?pageSize=2&query.cond=dermatitis')).body;
    expect((await get(`/api/v2/studies?pageSize=2&query.cond=dysphagia&pageToken=${first.nextPageToken}`)).status).toBe(
      400,
    );
    expect((await get('/api/v2/studies?pageToken=garbage')).status).toBe(400);
  });

  it('fields=NCTId,LastUpdatePostDate gives only the id and the last update date', async () => {
    const { body } = await get('/api/v2/studies?fields=NCTId,LastUpdatePostDate&pageSize=100');
    expect(body.studies).toHaveLength(25);
    for (const study of body.studies) {
      const record = served.find((r) => idOf(r) === idOf(study))!;
      expect(study).toEqual({
        protocolSection: {
          identificationModule: { nctId: idOf(record) },
          statusModule: { lastUpdatePostDateStruct: { date: lastUpdate(record) } },
        },
      });
    }
    // Pipe-separated too; an unknown field gives whole records.
    expect((await get('/api/v2/studies?fields=NCTId|LastUpdatePostDate')).body.studies[0]).toEqual(body.studies[0]);
    expect((await get('/api/v2/studies?fields=NCTId,EligibilityCriteria&pageSize=1')).body.studies[0]).toEqual(
      served.find((r) => idOf(r) === allIds[0]),
    );
  });

  it('filter.ids (comma- or pipe-separated) returns those records only', async () => {
    const wanted = [variantNctId(5), 'NCT05594173', 'NCT02210780'];
    expect(ids((await get(`/api/v2/studies?filter.ids=${wanted.join(',')},NCT09999999`)).body)).toEqual(
      [...wanted].sort(),
    );
    expect(ids((await get(`/api/v2/studies?filter.ids=${wanted.join('|')}`)).body)).toEqual([...wanted].sort());
    expect((await get('/api/v2/studies?filter.ids=NCT0221078X')).status).toBe(400);
  });

  it('filter.advanced AREA[LastUpdatePostDate]RANGE[…] filters by the last update, bounds included', async () => {
    const expected = (from: string, to: string) =>
      served
        .filter((r) => lastUpdate(r) >= from && lastUpdate(r) <= to)
        .map(idOf)
        .sort();
    const range = async (expr: string) =>
      (await allPages(`pageSize=1000&fields=NCTId&filter.advanced=${encodeURIComponent(expr)}`)).flatMap(ids);

    const since = await range('AREA[LastUpdatePostDate]RANGE[2022-01-01,MAX]');
    expect(since).toEqual(expected('2022-01-01', '9999-12-31'));
    expect(since).toEqual(expect.arrayContaining(['NCT02552212', 'NCT05594173']));
    expect(since).not.toContain('NCT02210780');

    const until = await range('AREA[LastUpdatePostDate]RANGE[MIN,2021-12-31]');
    expect(until).toEqual(expected('0000-01-01', '2021-12-31'));
    expect([...since, ...until].sort()).toEqual(allIds);

    expect(await range('AREA[LastUpdatePostDate]RANGE[2022-08-18,2022-08-18]')).toEqual(
      expected('2022-08-18', '2022-08-18'),
    );
    expect(await range('AREA[LastUpdatePostDate]RANGE[2022-08-18,2022-08-18]')).toContain('NCT02552212');
    expect(await range('AREA[LastUpdatePostDate]RANGE[05/01/2020, 05/31/2020]')).toEqual(
      expected('2020-05-01', '2020-05-31'),
    );
    expect((await get(`/api/v2/studies?filter.advanced=${encodeURIComponent('AREA[Phase]PHASE3')}`)).status).toBe(400);
  });

  it('query.cond and query.term match conditions, keywords, titles and interventions (case-insensitive substring)', async () => {
    const cond = async (q: string) =>
      (await allPages(`pageSize=1000&fields=NCTId&query.cond=${encodeURIComponent(q)}`)).flatMap(ids);
    const dysphagia = await cond('DYSPHAGIA');
    expect(dysphagia).toContain('NCT05594173');
    expect(
      dysphagia.every((id) =>
        served.find((r) => idOf(r) === id)!.protocolSection.conditionsModule.conditions.includes('Dysphagia'),
      ),
    ).toBe(true);
    expect(await cond('axSpA')).toEqual(
      served
        .filter(
          (r) =>
            idOf(r) === 'NCT02552212' ||
            r.protocolSection.identificationModule.briefTitle ===
              real[1].protocolSection.identificationModule.briefTitle,
        )
        .map(idOf)
        .sort(),
    );
    expect(await cond('"atopic dermatitis"')).toContain('NCT02210780');
    expect(await cond('no such condition')).toEqual([]);
    const term = (await get('/api/v2/studies?pageSize=1000&query.term=dupilumab')).body;
    expect(ids(term)).toContain('NCT02210780');
    expect(ids(term)).not.toContain('NCT02552212');
  });

  it('answers /version with apiVersion and dataTimestamp, which the test can set', async () => {
    const { status, body } = await get('/api/v2/version');
    expect(status).toBe(200);
    expect(body).toEqual({
      apiVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      dataTimestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
    });
    api.setDataTimestamp('2025-03-04T05:06:07');
    expect((await get('/api/v2/version')).body.dataTimestamp).toBe('2025-03-04T05:06:07');
    api.setDataTimestamp(new Date(Date.UTC(2025, 5, 1, 12, 0, 0, 456)));
    expect((await get('/api/v2/version')).body.dataTimestamp).toBe('2025-06-01T12:00:00');
  });

  it('answers 404 for an unknown study, 400 for a malformed id or parameter', async () => {
    const missing = await get('/api/v2/studies/NCT09999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await get('/api/v2/studies/nct2210780')).status).toBe(200);
    expect((await get('/api/v2/studies/NOT-AN-ID')).status).toBe(400);
    expect((await get('/api/v2/studies?sort=LastUpdatePostDate')).body).toMatch(/sort: .*does not implement/);
    expect((await get('/api/v2/studies?page_size=5')).status).toBe(400);
    expect((await get('/api/v2/nothing')).status).toBe(404);
  });

  it('adds, replaces and removes records', async () => {
    const extra = makeVariant(real[2], 900, { lastUpdatePostDate: '2030-01-02' });
    api.put(extra);
    expect((await get(`/api/v2/studies/${variantNctId(900)}`)).body).toEqual(extra);
    expect(
      ids((await get('/api/v2/studies?filter.advanced=AREA[LastUpdatePostDate]RANGE[2030-01-01,MAX]')).body),
    ).toEqual([variantNctId(900)]);
    api.put({ ...extra, hasResults: false });
    expect((await get(`/api/v2/studies/${variantNctId(900)}`)).body.hasResults).toBe(false);
    expect(api.remove(variantNctId(900))).toBe(true);
    expect(api.remove(variantNctId(900))).toBe(false);
    expect((await get(`/api/v2/studies/${variantNctId(900)}`)).status).toBe(404);
    expect(api.size).toBe(25);
    expect(() => api.put({ protocolSection: {} })).toThrow(/nctId/);
  });

  it('an injected 429 carries Retry-After, and the next request succeeds', async () => {
    api.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const limited = await get('/api/v2/studies/NCT02210780');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const next = await get('/api/v2/studies/NCT02210780');
    expect(next.status).toBe(200);
    expect(idOf(next.body)).toBe('NCT02210780');

    api.failNext(2, { status: 503 });
    api.failNext(1, { status: 500 });
    expect([
      (await get('/api/v2/version')).status,
      (await get('/api/v2/version')).status,
      (await get('/api/v2/version')).status,
      (await get('/api/v2/version')).status,
    ]).toEqual([503, 503, 500, 200]);
  });

  it("serves the importer's client (src/ctgov/ctgov.client.ts), which retries an injected 500", async () => {
    api.failNext(1, { status: 500 });
    const progress: string[] = [];
    const { record, url } = await fetchStudy('NCT05594173', {
      baseUrl: api.url,
      backoffMs: 10,
      timeoutMs: 5_000,
      onProgress: (m) => progress.push(m),
    });
    expect(url).toBe(`${api.url}/api/v2/studies/NCT05594173`);
    expect(record).toEqual(real[2]);
    expect(progress.some((m) => /HTTP 500; retrying/.test(m))).toBe(true);
    await expect(fetchStudy('NCT09999999', { baseUrl: api.url, timeoutMs: 5_000 })).rejects.toThrow(/HTTP 404/);
  });

  it('logs each request with its method, path, query and status', async () => {
    api.clearRequests();
    await get('/api/v2/studies?query.cond=dysphagia&pageSize=3');
    await get('/api/v2/studies/NCT09999999');
    expect(api.requests).toEqual([
      {
        method: 'GET',
        path: '/api/v2/studies',
        query: { 'query.cond': 'dysphagia', pageSize: '3' },
        status: 200,
        injected: false,
      },
      { method: 'GET', path: '/api/v2/studies/NCT09999999', query: {}, status: 404, injected: false },
    ]);
  });
});

describe('generated variants of real records (makeVariant)', () => {
  const base = real[1];
  const variant = makeVariant(base, 7);

  it('have a new NCT id, and are deterministic from the seed', () => {
    expect(idOf(variant)).toBe(variantNctId(7));
    expect(idOf(variant)).toMatch(/^NCT\d{8}$/);
    expect(REAL_IDS).not.toContain(idOf(variant));
    expect(makeVariant(base, 7)).toEqual(variant);
    expect(makeVariant(base, 8)).not.toEqual(variant);
    expect(new Set(served.map(idOf)).size).toBe(served.length);
    expect(idOf(base)).toBe('NCT02552212');
  });

  it('shift dates and scale result values, keeping structure, texts and orders', () => {
    expect(lastUpdate(variant)).not.toBe(lastUpdate(base));
    expect(lastUpdate(variant)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(variant.protocolSection.statusModule.statusVerifiedDate).toMatch(/^\d{4}-\d{2}$/);
    const shift = (r: CtgovRecord, key: string) => Date.parse(r.protocolSection.statusModule[key].date);
    expect(shift(variant, 'lastUpdatePostDateStruct') - shift(base, 'lastUpdatePostDateStruct')).toBe(
      shift(variant, 'studyFirstPostDateStruct') - shift(base, 'studyFirstPostDateStruct'),
    );

    const measures = (r: CtgovRecord) => r.resultsSection.outcomeMeasuresModule.outcomeMeasures;
    expect(measures(variant).map((m: any) => m.title)).toEqual(measures(base).map((m: any) => m.title));
    const values = (r: CtgovRecord) =>
      measures(r).flatMap((m: any) =>
        (m.classes ?? []).flatMap((c: any) =>
          c.categories.flatMap((k: any) => k.measurements.map((x: any) => x.value)),
        ),
      );
    const before = values(base);
    const after = values(variant);
    expect(after).toHaveLength(before.length);
    expect(after.filter((v: string, i: number) => v !== before[i]).length).toBeGreaterThan(before.length / 2);
    // Same decimals as the source; numbers stay numbers, "NA" stays "NA".
    after.forEach((v: string, i: number) =>
      expect(v.split('.')[1]?.length ?? 0).toBe(before[i].split('.')[1]?.length ?? 0),
    );

    const analysis = measures(variant)[0].analyses[0];
    expect(Number(analysis.ciLowerLimit)).toBeLessThanOrEqual(Number(analysis.paramValue));
    expect(Number(analysis.paramValue)).toBeLessThanOrEqual(Number(analysis.ciUpperLimit));
    expect(analysis.pValue).toBe(measures(base)[0].analyses[0].pValue);
    expect(analysis.ciPctValue).toBe('95');

    const stats = variant.resultsSection.adverseEventsModule.seriousEvents.flatMap((e: any) => e.stats);
    expect(stats.every((s: any) => Number.isInteger(s.numAffected) && s.numAffected <= s.numAtRisk)).toBe(true);
    const percents = measures(variant)
      .filter((m: any) => /^percentage of/i.test(m.unitOfMeasure))
      .flatMap((m: any) =>
        m.classes.flatMap((c: any) =>
          c.categories.flatMap((k: any) => k.measurements.map((x: any) => Number(x.value))),
        ),
      );
    expect(percents.length).toBeGreaterThan(0);
    expect(percents.every((p: number) => p >= 0 && p <= 100)).toBe(true);
  });

  it('take explicit options: NCT id, day shift, scale, offset, last update date', () => {
    const v = makeVariant(real[2], 3, {
      nctId: 'NCT81234567',
      dayShift: 10,
      valueScale: 1,
      valueOffset: 1,
      lastUpdatePostDate: '2026-02-03',
    });
    expect(idOf(v)).toBe('NCT81234567');
    expect(lastUpdate(v)).toBe('2026-02-03');
    expect(v.protocolSection.statusModule.startDateStruct.date).toBe('2019-09-23');
    const means = (r: CtgovRecord) =>
      r.resultsSection.outcomeMeasuresModule.outcomeMeasures.filter((m: any) => m.paramType === 'MEAN');
    const first = (r: CtgovRecord) => means(r)[0].classes[0].categories[0].measurements[0];
    expect(Number(first(v).value)).toBeCloseTo(Number(first(real[2]).value) + 1, 6);
    expect(first(v).spread).toBe(first(real[2]).spread);
  });

  it('drop the results for withoutResults, keeping the protocol and the rest of the record', () => {
    const withResults = makeVariant(base, 11);
    const v = makeVariant(base, 11, { withoutResults: true });
    expect(base.resultsSection).toBeDefined();
    expect(v.resultsSection).toBeUndefined();
    expect(v.hasResults).toBe(false);
    const status = v.protocolSection.statusModule;
    for (const key of ['resultsFirstSubmitDate', 'resultsFirstSubmitQcDate', 'resultsFirstPostDateStruct']) {
      expect(base.protocolSection.statusModule[key]).toBeDefined();
      expect(status[key]).toBeUndefined();
    }
    const { statusModule: _status, ...protocol } = v.protocolSection;
    const { statusModule: _statusBefore, ...protocolBefore } = withResults.protocolSection;
    expect(protocol).toEqual(protocolBefore);
    expect(status.lastUpdatePostDateStruct).toEqual(withResults.protocolSection.statusModule.lastUpdatePostDateStruct);
    expect(v.derivedSection).toEqual(withResults.derivedSection);
    expect(base.hasResults).toBe(true);
  });
});
