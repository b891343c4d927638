import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Allocation, DesignFeature, Masking, Phase } from '../graphql/enums';
import { PageArgs } from '../graphql/pagination';

export enum StudySortField {
  YEAR = 'YEAR',
  ENROLMENT = 'ENROLMENT',
  TITLE = 'TITLE',
}
registerEnumType(StudySortField, {
  name: 'StudySortField',
  description: 'What `studies` can be sorted by; ties are broken by study key.',
  valuesConfig: {
    YEAR: { description: 'Publication year of the primary report (studies without one come last).' },
    ENROLMENT: { description: 'Patients randomized in total (studies without it come last).' },
    TITLE: { description: 'Title, case-insensitive.' },
  },
});

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort order.',
  valuesConfig: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } },
});

@InputType({
  description: 'Filters of `studies`; all given filters must hold (AND), lists match any of their values (OR).',
})
export class StudyWhere {
  @Field(() => [ID], {
    nullable: true,
    description:
      'Condition keys: studies whose population has one of them (or a narrower one, see `includeNarrowerConditions`).',
  })
  conditionIds?: string[];

  @Field({
    defaultValue: true,
    description:
      'Also match studies of conditions narrower than `conditionIds` through IS_A (e.g. midgut NET finds liver metastases of midgut NET).',
  })
  includeNarrowerConditions: boolean = true;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Intervention keys: studies with an arm receiving one of them (or a narrower one, see `includeNarrowerInterventions`): a class such as "somatostatin-analogue" finds the octreotide and lanreotide trials.',
  })
  interventionIds?: string[];

  @Field({
    defaultValue: true,
    description:
      'Also match studies of interventions narrower than `interventionIds` through IS_A (the agents of a class).',
  })
  includeNarrowerInterventions: boolean = true;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Outcome concept keys: studies with an outcome of one of these concepts (or a narrower one, see `includeNarrowerOutcomeConcepts`).',
  })
  outcomeConceptIds?: string[];

  @Field({
    defaultValue: true,
    description:
      'Also match studies of outcome concepts narrower than `outcomeConceptIds` through IS_A (hepatic PFS for PFS).',
  })
  includeNarrowerOutcomeConcepts: boolean = true;

  @Field(() => [ID], { nullable: true, description: 'Predictor keys: studies with a finding about one of them.' })
  predictorIds?: string[];

  @Field(() => [Phase], { nullable: true, description: 'Studies of one of these phases.' })
  phases?: string[];

  @Field(() => Allocation, { nullable: true, description: 'Studies with this allocation.' })
  allocation?: string;

  @Field(() => Masking, { nullable: true, description: 'Studies with this masking.' })
  masking?: string;

  @Field(() => [DesignFeature], { nullable: true, description: 'Studies having all of these design features.' })
  designFeatures?: string[];

  @Field(() => Int, { nullable: true, description: 'Primary report published in or after this year.' })
  yearFrom?: number;

  @Field(() => Int, { nullable: true, description: 'Primary report published in or before this year.' })
  yearTo?: number;

  @Field({ nullable: true, description: 'A registry identifier (e.g. "NCT01578239"), exact.' })
  registryId?: string;
}

@InputType({ description: 'Sort order of `studies`.' })
export class StudySort {
  @Field(() => StudySortField, { description: 'What to sort by.' })
  field: StudySortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' })
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class StudiesArgs extends PageArgs {
  @Field(() => StudyWhere, { nullable: true, description: 'Filters; none returns every study.' })
  where?: StudyWhere;

  @Field(() => StudySort, { nullable: true, description: 'Sort order; default: title ascending.' })
  sort?: StudySort;
}
