export const INTERVENTIONS_BY_ID = `
UNWIND $ids AS id
MATCH (i:Intervention {id: id})
RETURN id AS key, i {.*} AS node`;

export const STUDIES_OF_INTERVENTIONS = `
UNWIND $ids AS id
CALL (id) {
  MATCH (:Intervention {id: id})<-[:RECEIVES]-(:Arm)<-[:HAS_ARM]-(s:Study)
  WITH DISTINCT s ORDER BY s.title, s.id
  RETURN collect(s) AS matched
}
RETURN id AS key, size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x {.*}] AS nodes`;
