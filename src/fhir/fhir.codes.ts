// Every FHIR code and code system the FHIR export writes, each taken from a file of the FHIR R5
// core package (hl7.fhir.r5.core 5.0.0, a dev dependency: test/unit/fhir.test.ts checks each one
// against the file named beside it). Where a value of ours has no code in that package it is
// written as text only (CodeableConcept.text), never as a guessed code.
//
// Not in the package: the code systems of statistic-type and attribute-estimate-type. Their value
// sets (ValueSet-statistic-type.json, ValueSet-attribute-estimate-type.json) include
// http://terminology.hl7.org/CodeSystem/statistic-type and …/attribute-estimate-type, whose codes
// live in the HL7 terminology package, which is not installed; so statisticType ("Hazard ratio")
// and attributeEstimate.type ("Confidence interval", "p-value") are text only.

/** Evidence.variableDefinition.variableRole: the system is the one ValueSet-variable-role.json includes; the codes are those StructureDefinition-Evidence.json lists for the element ("population | subpopulation | exposure | referenceExposure | measuredVariable | confounder"). */
export const VARIABLE_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/variable-role';
export const VARIABLE_ROLES = [
  'population',
  'subpopulation',
  'exposure',
  'referenceExposure',
  'measuredVariable',
] as const;
export type VariableRole = (typeof VARIABLE_ROLES)[number];

/** Evidence.status (required binding): CodeSystem-publication-status.json, "active: This resource is ready for normal use". */
export const PUBLICATION_STATUS_ACTIVE = 'active';

/** Bundle.type: CodeSystem-bundle-type.json. */
export const BUNDLE_TYPE_SEARCHSET = 'searchset';
/** Bundle.entry.search.mode: CodeSystem-search-entry-mode.json. */
export const SEARCH_MODE_MATCH = 'match';
/** Bundle.link.relation: CodeSystem-iana-link-relations.json. */
export const LINK_SELF = 'self';

/** RelatedArtifact.type: CodeSystem-related-artifact-type.json ("cites": the document quoted; "citation": a publication of the study). */
export const ARTIFACT_CITES = 'cites';
export const ARTIFACT_CITATION = 'citation';

/** Quantity.comparator of a p-value: CodeSystem-quantity-comparator.json; our "=" has no comparator. */
export const QUANTITY_COMPARATORS = ['<', '<=', '>=', '>'] as const;

/** OperationOutcome.issue.severity: CodeSystem-issue-severity.json. */
export const ISSUE_SEVERITY_ERROR = 'error';
/** OperationOutcome.issue.code: CodeSystem-issue-type.json. */
export const ISSUE_TYPES = [
  'invalid',
  'required',
  'value',
  'not-supported',
  'not-found',
  'too-long',
  'too-costly',
  'no-store',
  'timeout',
  'exception',
] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

/** Files of the package each constant above comes from, for the test that checks them. */
export const CODE_SOURCES = {
  variableRole: {
    valueSet: 'ValueSet-variable-role.json',
    structureDefinition: 'StructureDefinition-Evidence.json',
    element: 'Evidence.variableDefinition.variableRole',
  },
  publicationStatus: 'CodeSystem-publication-status.json',
  bundleType: 'CodeSystem-bundle-type.json',
  searchEntryMode: 'CodeSystem-search-entry-mode.json',
  linkRelation: 'CodeSystem-iana-link-relations.json',
  relatedArtifactType: 'CodeSystem-related-artifact-type.json',
  quantityComparator: 'CodeSystem-quantity-comparator.json',
  issueSeverity: 'CodeSystem-issue-severity.json',
  issueType: 'CodeSystem-issue-type.json',
} as const;
