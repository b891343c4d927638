import { ErrorCode } from '../../src/errors';
import { evidenceBundle, StudyAnswer } from '../../src/fhir/evidence.fhir';
import {
  ARTIFACT_CITATION,
  ARTIFACT_CITES,
  BUNDLE_TYPE_SEARCHSET,
  CODE_SOURCES,
  ISSUE_SEVERITY_ERROR,
  ISSUE_TYPES,
  LINK_SELF,
  PUBLICATION_STATUS_ACTIVE,
  QUANTITY_COMPARATORS,
  SEARCH_MODE_MATCH,
  VARIABLE_ROLE_SYSTEM,
  VARIABLE_ROLES,
} from '../../src/fhir/fhir.codes';
import { FHIR_ID, fhirIdOf, parseFhirId } from '../../src/fhir/fhir.id';
import { baseUrlOf, fhirRefusal, fhirRequestOf } from '../../src/fhir/fhir.route';
import { codesOutsidePackage, elementCodes, readPackageFile, valueSetSystem } from '../support/fhir';

// The FHIR export without a database: comparison keys to FHIR ids and back, the codes against the
// FHIR R5 core package, the reading of requests and the statuses of refusals.

const codesOf = (file: string): string[] => {
  const out: string[] = [];
  const walk = (concepts: any[] = []) => concepts.forEach((c) => (out.push(c.code), walk(c.concept)));
  walk(readPackageFile(file).concept);
  return out;
};

describe('FHIR ids of comparison keys', () => {
  const seeded = [
    'netter-1/pfs-lutetium-vs-control',
    'hae-vs-hace-midgut/pfs-2y-hace-vs-hae',
    'sunitinib-pnet-a6181111/os-primary-sunitinib-vs-placebo',
    'radiant-2/os-final-everolimus-vs-placebo-adjusted',
  ];

  it('turns the slash into a dot, and back', () => {
    expect(fhirIdOf('netter-1/pfs-lutetium-vs-control')).toBe('netter-1.pfs-lutetium-vs-control');
    for (const key of seeded) {
      const id = fhirIdOf(key)!;
      expect(id).toMatch(FHIR_ID);
      expect(parseFhirId(id)).toEqual({ study: key.split('/')[0], key });
    }
  });

  it('gives a key too long for the first form its study and a digest of its local key, which two dots tell apart', () => {
    const local = `os-${'a'.repeat(70)}`;
    const id = fhirIdOf(`netter-1/${local}`)!;
    expect(id).toMatch(/^netter-1\.\.[0-9a-f]{16}$/);
    expect(id).toMatch(FHIR_ID);
    expect(parseFhirId(id)).toEqual({ study: 'netter-1', key: null });
    // Deterministic, and different for another local key.
    expect(fhirIdOf(`netter-1/${local}`)).toBe(id);
    expect(fhirIdOf(`netter-1/${local}-b`)).not.toBe(id);
    // The longest key of the first form is 64 characters; one more takes the digest.
    const fits = `s/${'b'.repeat(62)}`;
    expect(fhirIdOf(fits)).toBe(`s.${'b'.repeat(62)}`);
    expect(fhirIdOf(`s/${'b'.repeat(63)}`)).toMatch(/^s\.\.[0-9a-f]{16}$/);
    // A study key too long for either form: no FHIR id.
    expect(fhirIdOf(`${'c'.repeat(47)}/${'d'.repeat(20)}`)).toBeNull();
  });

  it('refuses ids it does not give', () => {
    for (const id of [
      '',
      'netter-1',
      'netter-1/pfs',
      'Netter-1.pfs',
      'netter-1.pfs.x',
      'netter-1.-pfs',
      '.pfs',
      'netter-1..0123',
      'netter-1..0123456789abcdeg',
      'netter-1..0123456789ABCDEF',
      `s.${'b'.repeat(63)}`,
    ]) {
      expect(parseFhirId(id)).toBeNull();
    }
    expect(fhirIdOf('netter-1')).toBeNull();
    expect(fhirIdOf('netter-1/pfs/x')).toBeNull();
  });
});

describe('FHIR codes', () => {
  it('takes every code and system from the FHIR R5 core package', () => {
    expect(valueSetSystem(CODE_SOURCES.variableRole.valueSet)).toBe(VARIABLE_ROLE_SYSTEM);
    expect(elementCodes(CODE_SOURCES.variableRole.structureDefinition, CODE_SOURCES.variableRole.element)).toEqual(
      expect.arrayContaining([...VARIABLE_ROLES]),
    );
    expect(codesOf(CODE_SOURCES.publicationStatus)).toContain(PUBLICATION_STATUS_ACTIVE);
    expect(codesOf(CODE_SOURCES.bundleType)).toContain(BUNDLE_TYPE_SEARCHSET);
    expect(codesOf(CODE_SOURCES.searchEntryMode)).toContain(SEARCH_MODE_MATCH);
    expect(codesOf(CODE_SOURCES.linkRelation)).toContain(LINK_SELF);
    expect(codesOf(CODE_SOURCES.relatedArtifactType)).toEqual(
      expect.arrayContaining([ARTIFACT_CITES, ARTIFACT_CITATION]),
    );
    expect(codesOf(CODE_SOURCES.quantityComparator)).toEqual(expect.arrayContaining([...QUANTITY_COMPARATORS]));
    expect(codesOf(CODE_SOURCES.issueSeverity)).toContain(ISSUE_SEVERITY_ERROR);
    expect(codesOf(CODE_SOURCES.issueType)).toEqual(expect.arrayContaining([...ISSUE_TYPES]));
  });

  it('writes statistic and attribute-estimate types as text: their code systems are not in the package', () => {
    for (const file of ['ValueSet-statistic-type.json', 'ValueSet-attribute-estimate-type.json']) {
      const system = valueSetSystem(file);
      expect(system).toMatch(/^http:\/\/terminology\.hl7\.org\/CodeSystem\//);
      expect(() => readPackageFile(`CodeSystem-${system.split('/').pop()}.json`)).toThrow();
    }
  });

  it('finds a code outside the package (the check can fail)', () => {
    const study: StudyAnswer = {
      id: 's',
      acronym: 'S',
      title: 'A trial',
      publications: [],
      population: null,
      outcomes: [
        {
          id: 's/o',
          name: 'Overall survival',
          role: 'PRIMARY',
          definition: null,
          timeFrame: null,
          concept: { id: 'overall-survival', name: 'Overall survival', abbreviation: 'OS' },
          comparisons: [
            {
              id: 's/c',
              effectMeasure: 'HAZARD_RATIO',
              estimate: 0.5,
              method: null,
              ci: { level: null, lower: 0.3, upper: null },
              p: { operator: '<', value: 0.01, text: 'p < 0.01', sided: null },
              subgroup: null,
              treatmentArm: { id: 's/a', label: 'A', role: 'EXPERIMENTAL', randomized: 10, interventions: [] },
              referenceArm: { id: 's/b', label: 'B', role: 'PLACEBO_COMPARATOR', randomized: null, interventions: [] },
              estimateType: null,
              groups: [],
              treatmentGroup: null,
              referenceGroup: null,
              evidence: [],
            },
          ],
        },
      ],
    };
    const bundle = evidenceBundle(study, 'http://localhost:4000');
    expect(codesOutsidePackage(bundle)).toEqual([]);
    const evidence = bundle.entry[0].resource;
    // Unknown values are absent: no level, no upper limit, no sample size (one arm's size is unknown), no population description.
    expect(evidence.statistic[0].attributeEstimate[0]).toEqual({
      description: 'Confidence interval; the source does not state its level',
      note: [{ text: 'Upper limit reported as not estimable.' }],
      type: { text: 'Confidence interval' },
      range: { low: { value: 0.3 } },
    });
    expect(evidence.statistic[0].sampleSize).toBeUndefined();
    expect(evidence.variableDefinition[0].description).toBeUndefined();
    expect(evidence.note).toBeUndefined();
    evidence.status = 'final';
    evidence.variableDefinition[0].variableRole.coding[0].code = 'comparator';
    expect(codesOutsidePackage(bundle)).toEqual([
      `Bundle.entry[0].resource.variableDefinition[0].variableRole.coding: ${VARIABLE_ROLE_SYSTEM}|comparator`,
      `Evidence.status: ${CODE_SOURCES.publicationStatus}|final`,
    ]);
  });

  it("gives a subgroup comparison its subpopulation and the subgroup's size, and a p-value printed as text no quantity", () => {
    const arm = (id: string, role: string) => ({ id, label: id, role, randomized: 100, interventions: [] });
    const study = {
      id: 's',
      acronym: null,
      title: 'A trial',
      publications: [],
      population: null,
      outcomes: [
        {
          id: 's/o',
          name: 'PFS',
          role: 'PRIMARY',
          definition: null,
          timeFrame: null,
          concept: { id: 'pfs', name: 'Progression-free survival', abbreviation: 'PFS' },
          comparisons: [
            {
              id: 's/c',
              effectMeasure: 'HAZARD_RATIO',
              estimate: 0.6,
              method: null,
              ci: null,
              p: { operator: null, value: null, text: 'NA', sided: null },
              subgroup: { label: 'pNET', criterion: 'primary tumour in the pancreas', n: 40 },
              treatmentArm: arm('s/a', 'EXPERIMENTAL'),
              referenceArm: arm('s/b', 'PLACEBO_COMPARATOR'),
              evidence: [],
              estimateType: null,
              groups: [],
              treatmentGroup: null,
              referenceGroup: null,
            },
          ],
        },
      ],
    };
    const bundle = evidenceBundle(study, 'http://localhost:4000');
    expect(codesOutsidePackage(bundle)).toEqual([]);
    const evidence = bundle.entry[0].resource;
    expect(evidence.variableDefinition.map((v: any) => v.variableRole.coding[0].code)).toEqual([
      'population',
      'subpopulation',
      'exposure',
      'referenceExposure',
      'measuredVariable',
    ]);
    expect(evidence.variableDefinition[1]).toMatchObject({
      description: 'Subgroup: pNET. Criterion: primary tumour in the pancreas. 40 patients.',
      observed: { display: 'pNET' },
    });
    // The subgroup's 40 patients, not the 200 randomized to the two arms.
    expect(evidence.statistic[0].sampleSize.numberOfParticipants).toBe(40);
    expect(evidence.statistic[0].attributeEstimate).toEqual([{ description: 'NA', type: { text: 'p-value' } }]);
  });

  it('gives a registry analysis whose direction the record does not state its groups as exposures, none claimed as the reference', () => {
    const group = (title: string) => ({ title, description: `${title}, as the record describes it` });
    const study = {
      id: 's',
      acronym: null,
      title: 'A trial',
      publications: [],
      population: null,
      outcomes: [
        {
          id: 's/o',
          name: 'Change in score',
          role: 'SECONDARY',
          definition: null,
          timeFrame: null,
          concept: { id: 'score', name: 'Score', abbreviation: null },
          comparisons: [
            {
              id: 's/c',
              effectMeasure: null,
              estimate: -1.8,
              method: 'ANCOVA',
              ci: { level: 95, lower: -2.2, upper: -1.4 },
              p: { operator: '<', value: 0.001, text: '<0.001', sided: null },
              subgroup: null,
              treatmentArm: null,
              referenceArm: null,
              estimateType: 'Difference',
              groups: [group('Placebo (FAS)'), group('Drug (FAS)')],
              treatmentGroup: null,
              referenceGroup: null,
              evidence: [],
            },
          ],
        },
      ],
    };
    const bundle = evidenceBundle(study, 'http://localhost:4000');
    expect(codesOutsidePackage(bundle)).toEqual([]);
    const evidence = bundle.entry[0].resource;
    expect(evidence.title).toBe('A trial: Change in score, Placebo (FAS) / Drug (FAS) compared');
    expect(evidence.variableDefinition.map((v: any) => [v.variableRole.coding[0].code, v.observed.display])).toEqual([
      ['population', 'Population of A trial'],
      ['exposure', 'Placebo (FAS)'],
      ['exposure', 'Drug (FAS)'],
      ['measuredVariable', 'Change in score'],
    ]);
    expect(evidence.statistic[0]).toMatchObject({
      description:
        'Difference between "Placebo (FAS)" and "Drug (FAS)"; the source does not say which group is the treatment',
      statisticType: { text: 'Difference' },
      quantity: { value: -1.8 },
    });
  });
});

describe('FHIR requests', () => {
  const url = (path: string) => new URL(path, 'http://localhost');

  it('reads a search by study and a read by id', () => {
    expect(fhirRequestOf('GET', url('/fhir/Evidence?study=netter-1'))).toEqual({ study: 'netter-1', evidenceId: null });
    expect(fhirRequestOf('GET', url('/fhir/Evidence/netter-1.pfs-lutetium-vs-control'))).toEqual({
      study: 'netter-1',
      evidenceId: 'netter-1.pfs-lutetium-vs-control',
    });
  });

  it.each([
    ['GET', '/fhir/Evidence', 400, 'required'],
    ['GET', '/fhir/Evidence?study=a%20b', 400, 'value'],
    ['GET', `/fhir/Evidence?study=${'a'.repeat(121)}`, 400, 'value'],
    ['GET', '/fhir/Evidence?subject=netter-1', 400, 'not-supported'],
    ['GET', '/fhir/Evidence/netter-1.pfs?_format=json', 400, 'not-supported'],
    ['GET', '/fhir/Evidence/%E0%A4%A', 404, 'not-found'],
    ['GET', '/fhir/Evidence/', 404, 'not-found'],
    ['GET', '/fhir', 404, 'not-supported'],
    ['PUT', '/fhir/Evidence/netter-1.pfs', 405, 'not-supported'],
  ])('%s %s: %i %s', (method, path, status, issueType) => {
    const answer = fhirRequestOf(method, url(path));
    expect(answer).toMatchObject({
      status,
      body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: issueType }] },
    });
  });

  it('answers the refusals of the pipeline with their status and a FHIR issue type', () => {
    expect(fhirRefusal(504, ErrorCode.TIMEOUT, 'late').body.issue[0]).toMatchObject({
      code: 'timeout',
      diagnostics: 'TIMEOUT',
      details: { text: 'late' },
    });
    expect(fhirRefusal(504, ErrorCode.TIMEOUT, 'late').status).toBe(504);
    expect(fhirRefusal(503, ErrorCode.DATABASE_UNAVAILABLE, 'down').body.issue[0].code).toBe('no-store');
    expect(fhirRefusal(400, 'QUERY_TOO_COMPLEX', 'big').body.issue[0].code).toBe('too-costly');
    expect(fhirRefusal(500, 'SOMETHING_ELSE', 'odd').body.issue[0].code).toBe('exception');
  });

  it('builds links from the Host header only when it is a host name', () => {
    expect(baseUrlOf('example.org:4000', undefined)).toBe('http://example.org:4000');
    expect(baseUrlOf('example.org', 'https')).toBe('https://example.org');
    expect(baseUrlOf('[::1]:4000', undefined)).toBe('http://[::1]:4000');
    expect(baseUrlOf('evil.org/path?x=', undefined)).toBe('http://localhost');
    expect(baseUrlOf(undefined, undefined)).toBe('http://localhost');
  });
});
