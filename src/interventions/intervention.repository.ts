import { studiesPageOf } from '../studies/study.repository';

export const INTERVENTIONS_BY_ID = `
UNWIND $ids AS id
MATCH (i:Intervention {id: id})
RETURN id AS key, i {.*} AS node`;

export const STUDIES_OF_INTERVENTIONS = studiesPageOf(`MATCH (:Intervention {id: id})<-[:RECEIVES]-(:Arm)<-[:HAS_ARM]-(s:Study)`);
