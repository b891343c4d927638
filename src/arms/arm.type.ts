import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ArmRole } from '../graphql/enums';

type Row = Record<string, unknown>;

@ObjectType({ description: 'An arm of a study: a group of patients assigned to one regimen.' })
export class Arm {
  @Field(() => ID, { description: 'Stable key of the arm ("<study>/<arm>").' })
  id: string;

  @Field({ description: 'Label of the arm as the study names it (e.g. "HACE").' })
  label: string;

  @Field(() => ArmRole, { description: 'Role of the arm in the comparison.' })
  role: string;

  @Field(() => Int, { nullable: true, description: 'Patients randomized to the arm; null when not sourced.' })
  randomized: number | null;
}

@ObjectType({
  description:
    "An intervention as one arm receives it: the shared intervention and this arm's dose, route and schedule.",
})
export class ArmIntervention {
  @Field(() => String, {
    nullable: true,
    description: 'Dose as reported (e.g. "30 mg", "7.4 GBq"); null when not reported.',
  })
  dose: string | null;

  @Field(() => String, { nullable: true, description: 'Route as reported (e.g. "intramuscular", "hepatic arterial").' })
  route: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Schedule as reported (e.g. "every 28 days", "two procedures at 3-month interval").',
  })
  schedule: string | null;
}

export function toArm(row: Row): Arm {
  return {
    id: row.id as string,
    label: row.label as string,
    role: row.role as string,
    randomized: (row.randomized as number) ?? null,
  };
}

export function toArmIntervention(row: Row): ArmIntervention {
  return {
    dose: (row.dose as string) ?? null,
    route: (row.route as string) ?? null,
    schedule: (row.schedule as string) ?? null,
  };
}
