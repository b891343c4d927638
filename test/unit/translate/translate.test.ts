import { formatCypher } from '../../support/cypher-format';
import { statementsOf } from './record';

// TCK-style tests of the translator: the Cypher each root field compiles to, with no
// database. The snapshots are the reviewable contract of the read path (one statement per root
// field, only given filters, pattern comprehensions for bounded lists, paging in Cypher),
// laid out on lines for review (formatCypher changes only whitespace; the statements sent to
// Neo4j are one line); test/integration runs the same statements on Neo4j.

const one = async (query: string, variables?: Record<string, unknown>) => {
  const statements = await statementsOf(query, variables);
  expect(statements).toHaveLength(1);
  return statements[0];
};

describe('the Cypher of each root field', () => {
  it('study: the whole nested selection in one statement, bounded lists as pattern comprehensions', async () => {
    const s = await one(`{
      study(id: "hae-vs-hace-midgut") {
        id title
        arms { label interventions { dose intervention { id name } } }
        population { conditions { id ancestors { id } } }
        outcomes { name concept { id } measurements { value arm { label } evidence { quote document { publication { pmid } } } } comparisons { p { text } } }
      }
    }`);
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    expect(s.params).toMatchSnapshot();
  });

  it('studies anchored on a condition: DISTINCT, order and page in Cypher, totalCount only when selected', async () => {
    const withCount = await one(
      `{ studies(where: { conditionIds: ["midgut-net"] }, sort: { field: YEAR, direction: DESC }, first: 2) { totalCount edges { node { acronym } } } }`,
    );
    expect(formatCypher(withCount.cypher)).toMatchSnapshot();
    // One condition with its narrower ones and nothing else: the total is the condition's stored study count.
    expect(withCount.cypher).toContain(
      'reduce(total = 0, c IN filter0keys | total + coalesce(c.studyCount, 0)) AS filter0holders',
    );
    expect(withCount.cypher).toContain('total: filter0holders}');
    // By year descending, the walk reads the year index (year descending, then key) up to the page's end, then, only when that does not fill it, the studies without a year by key.
    expect(withCount.cypher).toMatch(
      /THEN \[this1head IN \[COLLECT \{ MATCH \(this0:Study\) USING INDEX this0:Study\(year\) WHERE this0\.year IS NOT NULL AND EXISTS .* ORDER BY this0\.year DESC, this0\.id ASC LIMIT \$p\d+ \+ \$p\d+ RETURN this0 \{\.acronym\} \}\] \| CASE WHEN size\(this1head\) < \$p\d+ \+ \$p\d+ THEN this1head \+ COLLECT \{ MATCH \(this0:Study\) WHERE this0\.year IS NULL AND EXISTS .* ORDER BY this0\.id ASC LIMIT \$p\d+ \+ \$p\d+ RETURN this0 \{\.acronym\} \} ELSE this1head END\]\[0\]\[\$p\d+\.\.\$p\d+ \+ \$p\d+\] ELSE COLLECT/,
    );
    const withoutCount = await one(
      `{ studies(where: { conditionIds: ["midgut-net"] }, first: 2) { edges { node { acronym } } pageInfo { hasNextPage } } }`,
    );
    expect(withoutCount.cypher).not.toContain('total:');
    // A filter anchors the MATCH on the concept's key; no scan of every study.
    expect(withoutCount.cypher).toMatch(
      /ELSE COLLECT \{ MATCH \(this0\)-\[:HAS_POPULATION\]->\(\)-\[:HAS_CONDITION\]->\(\)-\[:IS_A\*0\.\.\]->\(this\d+_0c:Condition WHERE this\d+_0c\.id IN \$p\d+\) WITH DISTINCT/,
    );
    // By title (the default), the other plan walks the title index and tests each study against the condition and its narrower ones, bound once as a list.
    expect(withoutCount.cypher).toMatch(
      /CASE WHEN filter0holders \^ 2 > \(\$p\d+ \+ \$p\d+\) \* COUNT \{ \(:Study\) \} THEN COLLECT \{ MATCH \(this0:Study\) USING INDEX this0:Study\(titleKey\) WHERE this0\.titleKey IS NOT NULL AND EXISTS \{ \(this0\)-\[:HAS_POPULATION\]->\(\)-\[:HAS_CONDITION\]->\(this\d+_0\) WHERE this\d+_0 IN filter0 \}/,
    );
    expect(withoutCount.cypher.split('ORDER BY this0.titleKey ASC, this0.id ASC SKIP')).toHaveLength(3);
  });

  it('studies totalCount is counted when the stored count does not answer it', async () => {
    for (const where of [
      '{ conditionIds: ["midgut-net"], phases: [PHASE_3] }',
      '{ conditionIds: ["midgut-net"], includeNarrowerConditions: false }',
      '{ conditionIds: ["midgut-net", "pancreatic-net"] }',
    ]) {
      const s = await one(`{ studies(where: ${where}, first: 2) { totalCount edges { node { id } } } }`);
      expect(s.cypher).toMatch(/total: COUNT \{ MATCH .* RETURN DISTINCT this0 \}/);
      expect(s.cypher).not.toContain('total: filter0holders');
    }
    // One key of any concept, with its narrower ones: its stored count.
    const one_ = await one(
      `{ studies(where: { interventionIds: ["everolimus"] }, first: 2) { totalCount edges { node { id } } } }`,
    );
    expect(one_.cypher).toContain('total: filter0holders}');
  });

  it('studies totalCountUpTo: each bound a count that stops one past it, the stored count read whole', async () => {
    const s = await one(
      `{ studies(where: { conditionIds: ["midgut-net"], outcomeConceptIds: ["progression-free-survival"] }, first: 2) { totalCountUpTo(limit: 1000) { count } few: totalCountUpTo(limit: 5) { exact } edges { node { id } } } }`,
    );
    expect(s.cypher).not.toContain('total:');
    // Counted from the filter of fewest holders (either), each count stopping at its bound + 1.
    const counts = [...s.cypher.matchAll(/RETURN DISTINCT this0 LIMIT \$(p\d+) \}/g)].map((m) => s.params[m[1]]);
    expect(counts.map((n) => Number(String(n)))).toEqual([1001, 1001, 6, 6]);
    expect(s.cypher).toMatch(/upTo: \{`?totalCountUpTo`?: CASE WHEN .* `?few`?: CASE WHEN /);
    // One key with its narrower ones: the stored count, no COUNT.
    const stored = await one(
      `{ studies(where: { conditionIds: ["midgut-net"] }, first: 2) { totalCountUpTo(limit: 3) { count exact } } }`,
    );
    expect(stored.cypher).toMatch(/upTo: \{`?totalCountUpTo`?: filter0holders\}/);
    expect(stored.cypher).not.toMatch(/RETURN DISTINCT this0 LIMIT/);
  });

  it('studies with several filters: the filter of fewest holders anchors, the others are EXISTS tests, scalar filters only when given', async () => {
    const s = await one(
      `{ studies(where: { interventionIds: ["everolimus"], conditionIds: ["pancreatic-net"], phases: [PHASE_3], yearFrom: 2010 }) { edges { node { id } } } }`,
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    // The walk is chosen on the fewest holders times the matches estimated from both filters: h × h₀ × h₁ > (skip + limit) × studies².
    expect(s.cypher).toMatch(
      /CASE WHEN toFloat\(fewestHolders\) \* filter0holders \* filter1holders > \(\$p\d+ \+ \$p\d+\) \* toFloat\(COUNT \{ \(:Study\) \}\) \^ 2 THEN/,
    );
    // Else the page starts from the filter of fewest holders.
    expect(s.cypher).toContain('WHEN filter0holders = fewestHolders THEN COLLECT { MATCH (this0)-[:HAS_ARM]->()');
    expect(s.cypher).toContain('ELSE COLLECT { MATCH (this0)-[:HAS_POPULATION]->()');
    expect(s.cypher).not.toContain('masking');
    expect(s.cypher).not.toContain('IS NULL OR');
  });

  it('studies without a filter: every study in title index order, no DISTINCT', async () => {
    const s = await one(`{ studies { edges { node { id } } } }`);
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    expect(s.cypher).not.toContain('DISTINCT');
    expect(s.cypher).not.toContain('CASE WHEN');
    expect(s.cypher).toContain(
      'MATCH (this0:Study) USING INDEX this0:Study(titleKey) WHERE this0.titleKey IS NOT NULL WITH * ORDER BY this0.titleKey ASC, this0.id ASC SKIP',
    );
  });

  it('a nested connection with arguments from variables, fragments, aliases and @include', async () => {
    const s = await one(
      `query Q($narrower: Boolean!, $withArms: Boolean!) {
        condition(id: "midgut-net") {
          ...Names
          exact: studies(includeNarrower: false, first: 3) { totalCount edges { node { id } } }
          all: studies(includeNarrower: $narrower, first: 5, after: "b2Zmc2V0OjA") { edges { cursor node { id arms @include(if: $withArms) { id } } } }
        }
      }
      fragment Names on Condition { name synonyms broader { name } }`,
      { narrower: true, withArms: false },
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    expect(s.cypher).not.toContain('HAS_ARM');
    expect(s.params).toMatchSnapshot();
  });

  it('compareOutcome: rows anchored on the outcome concept, filters only when given, paged in Cypher', async () => {
    const s = await one(`{
      compareOutcome(outcomeConcept: "progression-free-survival", statistic: MEDIAN, first: 20) {
        totalCount
        edges { node { study { acronym } arm { label } measurement { value unit } comparisons { estimate ci { lower upper } } } }
      }
    }`);
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    expect(s.cypher).not.toContain('timePointMonths');
    expect(s.cypher).not.toContain('HAS_POPULATION');
  });

  it('compareOutcome without filters: two plans for the page, chosen in the statement, and the total from relationship degrees', async () => {
    const s = await one(
      `{ compareOutcome(outcomeConcept: "progression-free-survival", first: 20) { totalCount edges { node { study { id } measurement { value } } } } }`,
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    // The walk in year-key index order, and the anchored plan, each ordered by the same keys and cut to the page.
    const page = 'ORDER BY this1s.yearKey, this1o.position, coalesce(this1a.position, -1), this0.position SKIP';
    expect(s.cypher.split(page)).toHaveLength(3);
    // The concept is bound once before the page; its degrees are read from the node (a pattern from an unbound node would be expanded, not read from the count store).
    expect(s.cypher).toMatch(
      /^OPTIONAL MATCH \(concept:OutcomeConcept \{id: \$p\d+\}\)\nRETURN concept IS NOT NULL AS found/,
    );
    expect(s.cypher).toMatch(
      /CASE WHEN COUNT \{ \(concept\)<-\[:MEASURES\]-\(\) \} \^ 2 > \(\$p\d+ \+ \$p\d+\) \* COUNT \{ \(:Study\) \} THEN COLLECT \{ MATCH \(this1s:Study\) WHERE this1s\.yearKey IS NOT NULL WITH \* ORDER BY this1s\.yearKey MATCH \(this1s\)-\[:HAS_OUTCOME\]->\(this1o\)-\[:MEASURES\]->\(this1c\), \(this1o\)-\[:HAS_MEASUREMENT\]->\(this0\) WHERE this1c = concept/,
    );
    expect(s.cypher).toContain('total: COUNT { (concept)<-[:OF_CONCEPT]-() }');
  });

  it('compareOutcome with a condition: the anchored plan only', async () => {
    const s = await one(
      `{ compareOutcome(outcomeConcept: "progression-free-survival", condition: "midgut-net", first: 20) { totalCount edges { node { study { id } } } } }`,
    );
    expect(s.cypher).not.toContain('CASE WHEN');
    expect(s.cypher).toContain('HAS_POPULATION');
    expect(s.cypher).toContain('total: COUNT { MATCH');
  });

  it('predictorEvidence: counts and a page of findings from the predictor node', async () => {
    const s = await one(
      `{ predictorEvidence(predictor: "urinary-5-hiaa", associated: true, first: 5) { associatedCount studyCount predictor { name } findings { totalCount edges { node { direction study { acronym } } } } } }`,
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    expect(s.params.associated).toBe(true);
    // Counts from degrees of the bound predictor and its stored study count; findings in yearKey order.
    expect(s.cypher).toContain('`@associatedCount`: COUNT { (this)<-[:ASSOCIATED_WITH]-() }');
    expect(s.cypher).toContain('`@studyCount`: coalesce(this.studyCount, 0)');
    expect(s.cypher).toContain('total: CASE $associated WHEN true THEN COUNT { (this)<-[:ASSOCIATED_WITH]-() }');
    expect(s.cypher.split('ORDER BY this1s.yearKey, this0.position SKIP')).toHaveLength(3);
  });

  it('search: a union projected per label', async () => {
    const s = await one(
      `{ search(query: "octreotide", first: 5) { score node { __typename ... on Study { acronym arms { label } } ... on Intervention { name } } } }`,
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
    // The searched fields only when matchedFields is selected.
    expect(s.cypher).not.toContain('searched:');
    const withMatches = await one(`{ search(query: "octreotide", first: 5) { matchedFields node { __typename } } }`);
    expect(withMatches.cypher).toContain('searched: node {.title, .acronym, .name, .synonyms}');
  });

  it('relatedStudies: ranked in Cypher, the related studies projected for the selection', async () => {
    const s = await one(
      `{ relatedStudies(id: "hae-vs-hace-midgut", first: 3) { score shared { kind name } study { acronym outcomes { name } } } }`,
    );
    expect(formatCypher(s.cypher)).toMatchSnapshot();
  });

  it('two root fields: two statements', async () => {
    const statements = await statementsOf(
      `{ a: study(id: "netter-1") { id } b: conditions(first: 1) { edges { node { id } } } }`,
    );
    expect(statements).toHaveLength(2);
  });

  it('puts every client value in a parameter, never in the text', async () => {
    const hostile = `x"}) DETACH DELETE n //\`'`;
    const statements = await statementsOf(
      `query H($s: String!, $id: ID!) {
        study(id: $id) { id }
        studies(where: { registryId: $s, conditionIds: [$id] }) { edges { node { id } } }
        conditions(nameContains: $s) { edges { node { id } } }
        compareOutcome(outcomeConcept: $id, condition: $id) { edges { node { measurement { id } } } }
        predictorEvidence(predictor: $id) { studyCount }
        relatedStudies(id: $id) { score }
        search(query: "octreotide") { score }
      }`,
      { s: hostile, id: hostile },
    );
    expect(statements).toHaveLength(7);
    for (const { cypher } of statements) {
      expect(cypher).not.toContain('DETACH');
      expect(cypher).not.toContain(hostile);
    }
    // Each statement but search's received the value as a parameter (nameContains lower-cased).
    for (const { params } of statements.slice(0, 6)) {
      expect(
        Object.values(params).some((v) => typeof v === 'string' && v.toLowerCase() === hostile.toLowerCase()),
      ).toBe(true);
    }
  });
});
