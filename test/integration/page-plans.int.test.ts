import { GraphQLSchema } from 'graphql';
import { RelationDecl, typeDecl } from '../../src/graphql/translate/model';
import { Statement } from '../../src/graphql/translate/translate';
import { buildAppSchema } from '../../src/schema';
import { ConceptLabel } from '../../src/studies/related.score';
import { studiesOfConcept } from '../../src/studies/study.fields';
import { studiesDecl } from '../../src/studies/study.repository';
import { SortDirection, StudySortField } from '../../src/studies/study.args';
import { connectTestDb, TestDb } from '../support/db';

// A page of a connection with `byIndex` is read by one of two plans, chosen in the statement by
// the counts of its anchor (schema/README.md, the read path). On the seeded graph most anchors
// pick the first plan, so each plan is run here on its own, for every anchor, and the two must
// give the same rows in the same order.

jest.setTimeout(120_000);

type ConnectionDecl = RelationDecl & { cardinality: 'connection' };
const V = { from: 'anchor', to: 'row', aux: 'x' };

describe('the two plans of a page give the same rows in the same order', () => {
  let db: TestDb;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    db = connectTestDb();
    schema = await buildAppSchema();
  });
  afterAll(() => db.close());

  const statement = () => new Statement({ schema, fragments: {}, variableValues: {} });
  /** The row keys of `match` in the declaration's order, after `prefix` (which binds `anchor`, or the clauses a page of `studies` reads after). */
  const rows = (
    prefix: string,
    decl: ConnectionDecl,
    match: string,
    params: Record<string, unknown>,
    order: string = decl.order(V),
  ) =>
    db.query<{ id: string }>(
      `${prefix} CALL (${prefix ? '*' : ''}) { MATCH ${match} WITH ${decl.distinct ? `DISTINCT ${V.to}` : '*'} ORDER BY ${order} RETURN ${V.to}.id AS id } RETURN id`,
      params,
    );
  /** The rows of a walk in index order: the index's rows in the walk's order, then those it does not hold (a tail) in theirs. */
  const walkedRows = async (prefix: string, decl: ConnectionDecl, params: Record<string, unknown>) => {
    const walk = decl.byIndex!;
    const head = await rows(prefix, decl, walk.match(V, {}), params, (walk.order ?? decl.order)(V));
    return walk.tail
      ? [...head, ...(await rows(prefix, decl, walk.tail.match(V, {}), params, walk.tail.order(V)))]
      : head;
  };

  it('findings of each predictor, associated or not or both, from the predictor and in yearKey order', async () => {
    const decl = typeDecl('PredictorEvidence').relations!.findings as ConnectionDecl;
    const predictors = await db.query<{ id: string; findings: number }>(
      'MATCH (p:Predictor) RETURN p.id AS id, COUNT { (p)<-[:OF_PREDICTOR]-() } AS findings',
    );
    expect(predictors.filter((p) => p.findings > 1).length).toBeGreaterThan(0);
    for (const { id, findings } of predictors) {
      for (const associated of [null, true, false]) {
        const params = { id, associated };
        const anchored = await rows('MATCH (anchor:Predictor {id: $id})', decl, decl.match!(V, {}), params);
        const walked = await rows('MATCH (anchor:Predictor {id: $id})', decl, decl.byIndex!.match(V, {}), params);
        expect(walked).toEqual(anchored);
        if (associated === null) expect(anchored).toHaveLength(findings);
      }
    }
  });

  it('studies of each condition (with and without narrower ones), intervention and outcome concept, in each sort', async () => {
    const concepts = await db.query<{ label: string; id: string }>(
      'MATCH (c) WHERE c:Condition OR c:Intervention OR c:OutcomeConcept OR c:Predictor RETURN labels(c)[0] AS label, c.id AS id ORDER BY label, id',
    );
    const filter: Record<string, string> = {
      Condition: 'conditionIds',
      Intervention: 'interventionIds',
      OutcomeConcept: 'outcomeConceptIds',
      Predictor: 'predictorIds',
    };
    const sorts: [StudySortField, SortDirection][] = [
      [StudySortField.TITLE, SortDirection.ASC],
      [StudySortField.TITLE, SortDirection.DESC],
      [StudySortField.YEAR, SortDirection.ASC],
      [StudySortField.YEAR, SortDirection.DESC],
      [StudySortField.ENROLMENT, SortDirection.ASC],
      [StudySortField.ENROLMENT, SortDirection.DESC],
    ];
    let nonEmpty = 0;
    for (const { label, id } of concepts) {
      for (const narrower of label === 'Predictor' ? [true] : [true, false]) {
        for (const [field, direction] of sorts) {
          const stmt = statement();
          const where = {
            [filter[label]]: [id],
            includeNarrowerConditions: narrower,
            includeNarrowerInterventions: narrower,
            includeNarrowerOutcomeConcepts: narrower,
          };
          const { decl, before } = studiesDecl(stmt, where, field, direction) as {
            decl: ConnectionDecl;
            before: string;
          };
          const anchored = await rows(before, decl, decl.match!(V, {}), stmt.params);
          const walked = await walkedRows(before, decl, stmt.params);
          expect(walked).toEqual(anchored);
          if (anchored.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it("each concept's studies (with and without the narrower ones of a hierarchy), from the concept and in titleKey order", async () => {
    const concepts = await db.query<{ label: ConceptLabel; id: string; studyCount: number | null }>(
      'MATCH (c) WHERE c:Condition OR c:Intervention OR c:OutcomeConcept OR c:Predictor RETURN labels(c)[0] AS label, c.id AS id, c.studyCount AS studyCount',
    );
    for (const { label, id, studyCount } of concepts) {
      const decl = studiesOfConcept(label) as ConnectionDecl;
      for (const includeNarrower of label === 'Predictor' ? [true] : [true, false]) {
        const prefix = `MATCH (anchor:${label} {id: $id})`;
        const anchored = await rows(prefix, decl, decl.match!(V, { includeNarrower }), { id });
        expect(await rows(prefix, decl, decl.byIndex!.match(V, { includeNarrower }), { id })).toEqual(anchored);
        // The stored count that totalCount reads is the number of studies the pattern finds.
        if (includeNarrower) expect(studyCount ?? 0).toBe(anchored.length);
      }
    }
  });

  it('studies with several filters at once, from each filter and in index order', async () => {
    const stmt = statement();
    const { decl, before } = studiesDecl(
      stmt,
      {
        conditionIds: ['neuroendocrine-tumour'],
        interventionIds: ['somatostatin-analogue', 'everolimus'],
        phases: ['PHASE_3'],
        includeNarrowerConditions: true,
        includeNarrowerInterventions: true,
        includeNarrowerOutcomeConcepts: true,
      },
      StudySortField.TITLE,
      SortDirection.ASC,
    ) as { decl: ConnectionDecl; before: string };
    const anchored = await rows(before, decl, decl.match!(V, {}), stmt.params);
    expect(anchored.length).toBeGreaterThan(1);
    expect(await rows(before, decl, decl.byIndex!.match(V, {}), stmt.params)).toEqual(anchored);
    expect(decl.anchors).toHaveLength(1);
    for (const other of decl.anchors!)
      expect(await rows(before, decl, other.match(V, {}), stmt.params)).toEqual(anchored);
  });
});
