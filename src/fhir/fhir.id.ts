// FHIR ids of comparisons. A FHIR id is [A-Za-z0-9\-\.]{1,64}; a comparison key is
// `<study>/<local>` with both parts lower-case letters and digits joined by single hyphens, up to
// 120 characters each (schema/README.md, Keys), so they never hold a dot:
//
// - `<study>.<local>` (the slash turned into a dot) when that fits in 64 characters: reversible,
//   `netter-1/pfs-lutetium-vs-control` ↔ `netter-1.pfs-lutetium-vs-control`;
// - otherwise `<study>..<digest>`, the digest the first 16 hex digits of the SHA-256 of `<local>`,
//   when the study key has at most 46 characters: the study is read from the id and the comparison
//   is the one of that study whose local key has that digest (two dots never occur in the first form);
// - a longer study key with a comparison key that does not fit has no FHIR id (null).
import { createHash } from 'node:crypto';

export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const KEY_PART = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DIGEST_LENGTH = 16;
const MAX_ID = 64;

const digestOf = (local: string) => createHash('sha256').update(local, 'utf8').digest('hex').slice(0, DIGEST_LENGTH);

/** The parts of a comparison key, or null when it is not `<study>/<local>`. */
function partsOf(key: string): { study: string; local: string } | null {
  const slash = key.indexOf('/');
  if (slash < 0) return null;
  const study = key.slice(0, slash);
  const local = key.slice(slash + 1);
  return KEY_PART.test(study) && KEY_PART.test(local) ? { study, local } : null;
}

/** The FHIR id of a comparison key (see above), or null when it has none. */
export function fhirIdOf(key: string): string | null {
  const parts = partsOf(key);
  if (!parts) return null;
  const plain = `${parts.study}.${parts.local}`;
  if (plain.length <= MAX_ID) return plain;
  const digested = `${parts.study}..${digestOf(parts.local)}`;
  return digested.length <= MAX_ID ? digested : null;
}

/**
 * What a FHIR id names: its study key, and the comparison key when the id is of the first form
 * (null for a digest, which only the study's comparisons can resolve); null when it is not a
 * FHIR id this server gives.
 */
export function parseFhirId(id: string): { study: string; key: string | null } | null {
  if (!FHIR_ID.test(id)) return null;
  const digested = /^([^.]+)\.\.([0-9a-f]+)$/.exec(id);
  if (digested)
    return KEY_PART.test(digested[1]) && digested[2].length === DIGEST_LENGTH
      ? { study: digested[1], key: null }
      : null;
  const parts = id.split('.');
  if (parts.length !== 2 || !KEY_PART.test(parts[0]) || !KEY_PART.test(parts[1])) return null;
  const key = `${parts[0]}/${parts[1]}`;
  // Only the form fhirIdOf gives: a key short enough for the first form.
  return fhirIdOf(key) === id ? { study: parts[0], key } : null;
}
