import Ajv, { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { CODE_SOURCES, VARIABLE_ROLE_SYSTEM } from '../../src/fhir/fhir.codes';

// The FHIR R5 core package (hl7.fhir.r5.core): its JSON schema, to validate what the export
// writes, and its code systems, to check that every code written is one of them.

export const FHIR_PACKAGE = path.join(REPO_ROOT, 'node_modules', 'hl7.fhir.r5.core');

type Json = any;

export const readPackageFile = (file: string): Json =>
  JSON.parse(fs.readFileSync(path.join(FHIR_PACKAGE, file), 'utf8'));

export interface FhirValidator {
  /** The schema's errors for a resource (empty when it validates), each as "path: message". */
  errorsOf(resource: unknown): string[];
}

/**
 * Compiles openapi/fhir.schema.json (draft-06) with ajv: about 6 s, so once per test file. Two
 * adjustments, neither loosening a rule for our output: the schema names itself with draft-06's
 * `id`, which ajv 8 reads as `$id`; and its `decimal` pattern ends in `{1,9}}`, which is no
 * valid regular expression with the `u` flag, so patterns are compiled without it (the pattern
 * applies to strings, and decimals are JSON numbers).
 */
export function fhirValidator(): FhirValidator {
  const { id, ...schema } = readPackageFile('openapi/fhir.schema.json');
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file of ajv's package, by its package path
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const whole = ajv.compile({ $id: id, ...schema });
  const byType = new Map<string, ValidateFunction>();
  const validatorOf = (type: string) => {
    if (!byType.has(type)) byType.set(type, ajv.getSchema(`${id}#/definitions/${type}`) as ValidateFunction);
    return byType.get(type)!;
  };
  return {
    errorsOf(resource) {
      if (whole(resource)) return [];
      // The whole schema is a oneOf over every resource type: the errors of the resource's own definition say what is wrong.
      const own = validatorOf((resource as { resourceType?: string }).resourceType ?? '');
      if (!own || own(resource)) return ['does not validate against the FHIR schema'];
      return (own.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    },
  };
}

const codeSystems = new Map<string, Set<string>>();
function codesOf(file: string): Set<string> {
  if (!codeSystems.has(file)) {
    const codes = new Set<string>();
    const walk = (concepts: Json[] = []) => concepts.forEach((c) => (codes.add(c.code), walk(c.concept)));
    walk(readPackageFile(file).concept);
    codeSystems.set(file, codes);
  }
  return codeSystems.get(file)!;
}

/** The codes of an element as its StructureDefinition lists them in `short` ("a | b | c"). */
export function elementCodes(structureDefinition: string, element: string): string[] {
  const e = readPackageFile(structureDefinition).snapshot.element.find((x: Json) => x.path === element);
  return e.short.split(' | ');
}

/** The one system a value set includes. */
export const valueSetSystem = (file: string): string => readPackageFile(file).compose.include[0].system;

/**
 * Every code of a Bundle, Evidence or OperationOutcome that is not in the package, as
 * "where: system|code": each Coding, and the plain codes of Bundle.type, link.relation,
 * search.mode, Evidence.status, RelatedArtifact.type, Quantity.comparator, issue.severity and issue.code.
 */
export function codesOutsidePackage(resource: Json): string[] {
  const wrong: string[] = [];
  const check = (where: string, file: string, code: string | undefined) => {
    if (code !== undefined && !codesOf(file).has(code)) wrong.push(`${where}: ${file}|${code}`);
  };
  const variableRoles = elementCodes(CODE_SOURCES.variableRole.structureDefinition, CODE_SOURCES.variableRole.element);
  const walk = (value: Json, where: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    for (const coding of value.coding ?? []) {
      const known =
        coding.system === VARIABLE_ROLE_SYSTEM
          ? valueSetSystem(CODE_SOURCES.variableRole.valueSet) === coding.system && variableRoles.includes(coding.code)
          : coding.system?.startsWith('http://hl7.org/fhir/') &&
            codesOf(`CodeSystem-${coding.system.split('/').pop()}.json`).has(coding.code);
      if (!known) wrong.push(`${where}.coding: ${coding.system}|${coding.code}`);
    }
    if ('comparator' in value) check(`${where}.comparator`, CODE_SOURCES.quantityComparator, value.comparator);
    for (const [key, v] of Object.entries(value)) walk(v, `${where}.${key}`);
  };
  walk(resource, resource.resourceType);
  const resources =
    resource.resourceType === 'Bundle' ? (resource.entry ?? []).map((e: Json) => e.resource) : [resource];
  if (resource.resourceType === 'Bundle') {
    check('Bundle.type', CODE_SOURCES.bundleType, resource.type);
    for (const link of resource.link ?? []) check('Bundle.link.relation', CODE_SOURCES.linkRelation, link.relation);
    for (const entry of resource.entry ?? [])
      check('Bundle.entry.search.mode', CODE_SOURCES.searchEntryMode, entry.search?.mode);
  }
  for (const r of resources) {
    if (r.resourceType === 'Evidence') {
      check('Evidence.status', CODE_SOURCES.publicationStatus, r.status);
      for (const a of r.relatedArtifact ?? [])
        check('Evidence.relatedArtifact.type', CODE_SOURCES.relatedArtifactType, a.type);
    }
    if (r.resourceType === 'OperationOutcome') {
      for (const issue of r.issue) {
        check('OperationOutcome.issue.severity', CODE_SOURCES.issueSeverity, issue.severity);
        check('OperationOutcome.issue.code', CODE_SOURCES.issueType, issue.code);
      }
    }
  }
  return wrong;
}
