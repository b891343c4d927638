/**
 * The peer's type definitions: our graph (schema/README.md) described for @neo4j/graphql 7,
 * one @node type per label with its properties, one @relationship field per relationship type
 * and direction the benchmark reads, and the value lists of src/model/values.ts as enums.
 *
 * Four fields are @cypher fields, where the generated API has no way to say what our model
 * means; each is a derived value of one node, never an operation's logic:
 * - Condition.ancestors and Condition.lineageIds: the IS_A hierarchy has no fixed depth (`-[:IS_A*1..]->`), and @relationship fields walk one hop;
 * - Study.titleKey: studies sort by title without regard to case (`toLower(title)`);
 * - PredictorFinding.studyYear: findings sort by their study's year, and sort keys are fields of
 *   the sorted node only.
 * Mutations are not generated: the peer serves reads only.
 */
import * as values from '../../src/model/values';

const enumOf = (name: string, list: readonly string[]) => `enum ${name} { ${list.join(' ')} }`;

const ENUMS = [
  enumOf('Verification', values.VERIFICATION_LEVELS),
  enumOf('ConditionKind', values.CONDITION_KINDS),
  enumOf('InterventionKind', values.INTERVENTION_KINDS),
  enumOf('PredictorKind', values.PREDICTOR_KINDS),
  enumOf('Registry', values.REGISTRIES),
  enumOf('Phase', values.PHASES),
  enumOf('Allocation', values.ALLOCATIONS),
  enumOf('Masking', values.MASKINGS),
  enumOf('StudyStatus', values.STUDY_STATUSES),
  enumOf('DesignFeature', values.DESIGN_FEATURES),
  enumOf('ArmRole', values.ARM_ROLES),
  enumOf('OutcomeRole', values.OUTCOME_ROLES),
  enumOf('Statistic', values.STATISTICS),
  enumOf('EffectMeasure', values.EFFECT_MEASURES),
  enumOf('TimeUnit', values.TIME_UNITS),
  enumOf('AnalysisType', values.ANALYSIS_TYPES),
  enumOf('Direction', values.DIRECTIONS),
  enumOf('MeasurementUnit', values.MEASUREMENT_UNITS),
  enumOf('PValueSidedness', values.P_SIDEDNESS),
  enumOf('PublicationRole', values.PUBLICATION_ROLES),
].join('\n');

export const typeDefs = /* GraphQL */ `
  extend schema @mutation(operations: [])

  ${ENUMS}

  type Study @node {
    id: ID!
    title: String!
    acronym: String
    phase: Phase
    allocation: Allocation
    masking: Masking
    status: StudyStatus
    designFeatures: [DesignFeature!]
    designText: String
    enrolment: Int
    startYear: Int
    year: Int
    countries: [String!]
    siteCount: Int
    countryCount: Int
    registryIds: [String!]
    registries: [Registry!]
    notes: [String!]
    titleKey: String @cypher(statement: "RETURN toLower(this.title) AS key", columnName: "key")
    publications: [Publication!]! @relationship(type: "REPORTED_IN", direction: OUT, properties: "ReportedIn")
    population: Population @relationship(type: "HAS_POPULATION", direction: OUT)
    arms: [Arm!]! @relationship(type: "HAS_ARM", direction: OUT)
    outcomes: [Outcome!]! @relationship(type: "HAS_OUTCOME", direction: OUT)
    predictorFindings: [PredictorFinding!]! @relationship(type: "HAS_FINDING", direction: OUT)
    adverseEvents: [AdverseEventResult!]! @relationship(type: "HAS_ADVERSE_EVENT", direction: OUT)
  }

  type ReportedIn @relationshipProperties {
    role: PublicationRole!
  }

  type Publication @node {
    id: ID!
    title: String
    journal: String
    year: Int
    volume: String
    issue: String
    pages: String
    pmid: String
    doi: String
    authors: [String!]
    firstAuthor: String
    identifierVerification: Verification
    studies: [Study!]! @relationship(type: "REPORTED_IN", direction: IN, properties: "ReportedIn")
  }

  type Document @node {
    id: ID!
    title: String!
    url: String
    localCopy: String
    publication: Publication @relationship(type: "REPRODUCES", direction: OUT)
  }

  type Population @node {
    id: ID!
    studyId: ID!
    description: String!
    conditions: [Condition!]! @relationship(type: "HAS_CONDITION", direction: OUT)
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type Condition @node {
    id: ID!
    name: String!
    kind: ConditionKind
    synonyms: [String!]
    codes: [String!]
    broader: [Condition!]! @relationship(type: "IS_A", direction: OUT)
    narrower: [Condition!]! @relationship(type: "IS_A", direction: IN)
    "Every broader condition through IS_A, nearest first, then by name."
    ancestors: [Condition!]!
      @cypher(
        statement: """
        MATCH (this)-[:IS_A*1..]->(a:Condition)
        WITH DISTINCT this, a
        MATCH path = shortestPath((this)-[:IS_A*1..]->(a))
        WITH a ORDER BY length(path), a.name
        RETURN a
        """
        columnName: "a"
      )
    "The keys of this condition and of every broader one (IS_A*0..), to filter by a condition with its narrower ones."
    lineageIds: [ID!]!
      @cypher(
        statement: "MATCH (this)-[:IS_A*0..]->(a:Condition) RETURN collect(DISTINCT a.id) AS ids"
        columnName: "ids"
      )
    populations: [Population!]! @relationship(type: "HAS_CONDITION", direction: IN)
  }

  type Arm @node {
    id: ID!
    studyId: ID!
    label: String!
    role: ArmRole!
    randomized: Int
    position: Int!
    interventions: [Intervention!]! @relationship(type: "RECEIVES", direction: OUT, properties: "Receives")
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type Receives @relationshipProperties {
    dose: String
    route: String
    schedule: String
  }

  type Intervention @node {
    id: ID!
    name: String!
    kind: InterventionKind
    synonyms: [String!]
    codes: [String!]
    arms: [Arm!]! @relationship(type: "RECEIVES", direction: IN, properties: "Receives")
  }

  type Outcome @node {
    id: ID!
    studyId: ID!
    name: String!
    role: OutcomeRole!
    definition: String
    timeFrame: String
    position: Int!
    study: Study @relationship(type: "HAS_OUTCOME", direction: IN)
    concept: OutcomeConcept @relationship(type: "MEASURES", direction: OUT)
    measurements: [Measurement!]! @relationship(type: "HAS_MEASUREMENT", direction: OUT)
    comparisons: [Comparison!]! @relationship(type: "HAS_COMPARISON", direction: OUT)
  }

  type OutcomeConcept @node {
    id: ID!
    name: String!
    abbreviation: String
    synonyms: [String!]
    codes: [String!]
    outcomes: [Outcome!]! @relationship(type: "MEASURES", direction: IN)
  }

  type Measurement @node {
    id: ID!
    studyId: ID!
    statistic: Statistic!
    value: Float
    valueText: String
    unit: MeasurementUnit!
    timePointValue: Float
    timePointUnit: TimeUnit
    timePointMonths: Float
    ciLevel: Float
    ciLower: Float
    ciUpper: Float
    analysed: Int
    position: Int!
    outcome: Outcome @relationship(type: "HAS_MEASUREMENT", direction: IN)
    arm: Arm @relationship(type: "OF_ARM", direction: OUT)
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type Comparison @node {
    id: ID!
    studyId: ID!
    effectMeasure: EffectMeasure
    estimate: Float
    ciLevel: Float
    ciLower: Float
    ciUpper: Float
    pOperator: String
    pValue: Float
    pText: String
    pSided: PValueSidedness
    method: String
    position: Int!
    treatmentArm: Arm @relationship(type: "TREATMENT_ARM", direction: OUT)
    referenceArm: Arm @relationship(type: "REFERENCE_ARM", direction: OUT)
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type Predictor @node {
    id: ID!
    name: String!
    kind: PredictorKind
    synonyms: [String!]
    codes: [String!]
    findings: [PredictorFinding!]! @relationship(type: "OF_PREDICTOR", direction: IN)
  }

  type PredictorFinding @node {
    id: ID!
    studyId: ID!
    associated: Boolean!
    direction: Direction
    directionText: String
    contrast: String
    analysisType: AnalysisType
    effectMeasure: EffectMeasure
    estimate: Float
    position: Int!
    "The year of the finding's study, to sort findings as the study list is sorted."
    studyYear: Int
      @cypher(statement: "MATCH (s:Study)-[:HAS_FINDING]->(this) RETURN s.year AS year", columnName: "year")
    study: Study @relationship(type: "HAS_FINDING", direction: IN)
    predictor: Predictor @relationship(type: "OF_PREDICTOR", direction: OUT)
    outcome: Outcome @relationship(type: "FOR_OUTCOME", direction: OUT)
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type AdverseEventResult @node {
    id: ID!
    studyId: ID!
    term: String!
    gradeMin: Int
    gradeMax: Int
    patients: Int
    percent: Float
    analysed: Int
    armDifference: String
    position: Int!
    arm: Arm @relationship(type: "OF_ARM", direction: OUT)
    evidence: [Evidence!]! @relationship(type: "SUPPORTED_BY", direction: OUT)
  }

  type Evidence @node {
    id: ID!
    quote: String!
    section: String
    verification: Verification!
    note: String
    position: Int!
    document: Document @relationship(type: "QUOTED_FROM", direction: OUT)
  }
`;
