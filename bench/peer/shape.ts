/**
 * The peer's answers in the floor's shape, so that the benchmark can check them equal before
 * timing. Only the shape changes, never the content: no value is computed, filtered, sorted or
 * cut here.
 *
 * - a root list read by key (`studies(where: {id})`) → its one element, or null;
 * - a connection (`xConnection { edges { node, properties } }`) → the floor's list, with the
 *   relationship's properties beside the node as our API nests them (a publication's `role`;
 *   an arm's `interventions { dose route schedule intervention }`);
 * - stored properties → our value objects: `timePointValue`/`timePointUnit` → `timePoint`,
 *   `pOperator`/`pValue`/`pText` → `p` (null when the value is, as the floor's CASE);
 * - root field names → ours (`studiesConnection` → `studies`, `predictors[0]` and
 *   `studiesConnection` → `predictorEvidence` with its counts).
 */

type Json = any;

function studyDetail(data: Json): Json {
  const study = data.studies[0];
  if (study === undefined) return { study: null };
  const { publicationsConnection, arms, outcomes, ...fields } = study;
  return {
    study: {
      ...fields,
      publications: publicationsConnection.edges.map((e: Json) => ({ ...e.node, role: e.properties.role })),
      arms: arms.map(({ interventionsConnection, ...arm }: Json) => ({
        ...arm,
        interventions: interventionsConnection.edges.map((e: Json) => ({ ...e.properties, intervention: e.node })),
      })),
      outcomes: outcomes.map((o: Json) => ({
        ...o,
        measurements: o.measurements.map(({ timePointValue, timePointUnit, ...m }: Json) => ({
          ...m,
          timePoint: timePointValue === null ? null : { value: timePointValue, unit: timePointUnit },
        })),
        comparisons: o.comparisons.map(({ pOperator, pValue, pText, ...c }: Json) => ({
          ...c,
          p: pValue === null ? null : { operator: pOperator, value: pValue, text: pText },
        })),
      })),
    },
  };
}

function studiesByCondition(data: Json): Json {
  return { studies: data.studiesConnection };
}

function predictorEvidence(data: Json): Json {
  const predictor = data.predictors[0];
  if (predictor === undefined) return { predictorEvidence: null };
  return {
    predictorEvidence: {
      associatedCount: predictor.associated.totalCount,
      notAssociatedCount: predictor.notAssociated.totalCount,
      studyCount: data.studiesConnection.totalCount,
      findings: predictor.findingsConnection,
    },
  };
}

const SHAPES: Record<string, (data: Json) => Json> = {
  studyDetail,
  studiesByCondition,
  predictorEvidence,
};

/** The peer's `data` for `operation` in the floor's shape; throws for an operation without a mapping. */
export function toFloorShape(operation: string, data: Json): Json {
  const shape = SHAPES[operation];
  if (shape === undefined) throw new Error(`no mapping of the peer's answer for ${operation}`);
  return shape(data);
}
