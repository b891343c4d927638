import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConceptBase, conceptFields } from '../graphql/concept';
import { Connection } from '../graphql/connection';
import { AnalysisType, Direction, EffectMeasure, PredictorKind } from '../graphql/enums';
import { ciOf, ConfidenceInterval, pOf, PValue } from '../graphql/values';

type Row = Record<string, unknown>;

@ObjectType({
  description: 'A prognostic factor shared across studies (e.g. urinary 5-HIAA, extent of liver involvement).',
})
export class Predictor extends ConceptBase {
  @Field(() => PredictorKind, { description: 'Kind of factor.' })
  kind: string;
}

@ObjectType({
  description:
    'What one study found about one predictor for one outcome: associated or not, in which direction, with its numbers when reported. Factors found not associated are findings too.',
})
export class PredictorFinding {
  @Field(() => ID, { description: 'Stable key of the finding.' })
  id: string;

  @Field({ description: 'True when the study found the factor associated with the outcome.' })
  associated: boolean;

  @Field(() => Direction, {
    nullable: true,
    description: 'Direction of the association; null when not associated or not stated.',
  })
  direction: string | null;

  @Field(() => String, { nullable: true, description: 'The direction in the source\'s words (e.g. "shorter PFS").' })
  directionText: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Level or contrast evaluated (e.g. "elevated baseline", "high vs low hepatic tumour load").',
  })
  contrast: string | null;

  @Field(() => AnalysisType, { description: 'How the factor was analysed.' })
  analysisType: string;

  @Field(() => EffectMeasure, { nullable: true, description: 'Effect measure of `estimate`, when reported.' })
  effectMeasure: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Effect estimate (e.g. hazard ratio of the factor level versus the reference), when reported.',
  })
  estimate: number | null;

  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval of `estimate`, when reported.' })
  ci: ConfidenceInterval | null;

  @Field(() => PValue, { nullable: true, description: 'p-value, when reported.' })
  p: PValue | null;
}

export function toPredictor(row: Row): Predictor {
  return { ...conceptFields(row), kind: row.kind as string };
}

export function toPredictorFinding(row: Row): PredictorFinding {
  return {
    id: row.id as string,
    associated: row.associated as boolean,
    direction: (row.direction as string) ?? null,
    directionText: (row.directionText as string) ?? null,
    contrast: (row.contrast as string) ?? null,
    analysisType: row.analysisType as string,
    effectMeasure: (row.effectMeasure as string) ?? null,
    estimate: (row.estimate as number) ?? null,
    ci: ciOf(row),
    p: pOf(row),
  };
}

@ObjectType({ description: 'A page of predictors.' })
export class PredictorConnection extends Connection(Predictor, 'predictors') {}

@ObjectType({ description: 'A page of predictor findings.' })
export class PredictorFindingConnection extends Connection(PredictorFinding, 'findings') {}

@ObjectType({ description: 'Every finding about one predictor across studies, with counts.' })
export class PredictorEvidence {
  @Field(() => Int, { description: 'Findings that report an association.' })
  associatedCount: number;

  @Field(() => Int, { description: 'Findings that report no association.' })
  notAssociatedCount: number;

  @Field(() => Int, { description: 'Studies with at least one finding about the predictor.' })
  studyCount: number;

  // `predictor` and `findings` are relations of the predictor node: see PredictorEvidenceResolver.
}
