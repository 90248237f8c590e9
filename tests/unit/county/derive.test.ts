/**
 * What the county reads from a received revision (county/import/derive.ts) does not depend on how it
 * reads it: the content hash taken from the documents' bytes equals the one taken from their decoded
 * text (revisions imported before are compared with it), and the result read as Latin-1 gives the
 * same fields and split totals as read as UTF-8 — including when a value is not ASCII (it is read
 * again as UTF-8) and when the bytes are not valid UTF-8.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deriveRevision, splitTotals } from '../../../county/import/derive';
import type { BundleRevision } from '../../../county/protocol/bundle';
import { deriveSearchFields } from '../../../electron/services/store/searchFields';
import { householdFactory } from '../../integration/store/fixtures/syntheticCases';

function revision(input: Buffer, result: Buffer, codec = 1): BundleRevision {
  return {
    id: 7,
    caseNo: '2026-0000007',
    revision: 1,
    kind: 'save',
    savedAt: '2026-03-01T09:30:00.000+08:00',
    operator: '李经办',
    packId: 'henan-nanyang',
    packVersion: '2026.1',
    reason: null,
    codec,
    dictionary: null,
    input: codec === 1 ? deflateRawSync(input) : input,
    result: codec === 1 ? deflateRawSync(result) : result,
  };
}

/** The hash as the county first defined it: over the decoded text of both documents. */
function textHash(r: BundleRevision, inputJson: string, resultJson: string): string {
  const meta = [r.caseNo, r.revision, r.kind, r.savedAt, r.operator, r.packId, r.packVersion, r.reason];
  return createHash('sha256').update(JSON.stringify(meta)).update('\n').update(inputJson).update('\n').update(resultJson).digest('hex');
}

/** The reading as the county first did it: both documents parsed from UTF-8 text. */
function utf8Reading(inputJson: string, resultJson: string) {
  const result: unknown = JSON.parse(resultJson);
  return { fields: deriveSearchFields(JSON.parse(inputJson), result, { spellings: false }), split: splitTotals(result) };
}

describe('deriveRevision', () => {
  it('reads 200 varied households exactly as from UTF-8 text, with the same content hash', () => {
    const factory = householdFactory(5);
    for (let i = 0; i < 200; i++) {
      const household = factory.next();
      const inputJson = JSON.stringify(household.input);
      const resultJson = JSON.stringify(household.result);
      const r = revision(Buffer.from(inputJson), Buffer.from(resultJson), i % 2 === 0 ? 1 : 0);
      const derived = deriveRevision(r, []);
      expect(derived.contentSha256).toBe(textHash(r, inputJson, resultJson));
      expect({ fields: derived.fields, split: derived.split }).toEqual(utf8Reading(inputJson, resultJson));
    }
  });

  it('a benefit code or assessment date that is not ASCII is read as UTF-8 (a Latin-1 reading would differ)', () => {
    const input = JSON.stringify({ household: { township: '城关镇', village: '东关村', status: 'dibao' }, members: [{ id: 'm1', name: '王建国', relation: 'head' }] });
    const result = JSON.stringify({
      policy: { asOf: '2026-03-01' },
      benefits: [
        { code: '低保', annual: '1200.00' },
        { code: 'dibao.allowance', annual: '3600.5' },
        { code: '\u3000', annual: '1' },
      ],
      totals: { annual: '4800.50', cash: '4800.50', settlement: '0', waiver: '0', oneOff: '0' },
    });
    const derived = deriveRevision(revision(Buffer.from(input), Buffer.from(result)), []);
    expect(derived.fields.benefits).toEqual([
      { code: '低保', annual: '1200.00' },
      { code: 'dibao.allowance', annual: '3600.50' },
    ]);
    expect(derived.split).toEqual({ cash: '4800.50', settlement: '0.00', waiver: '0.00', oneOff: '0.00' });
    expect({ fields: derived.fields, split: derived.split }).toEqual(utf8Reading(input, result));
    const dated = result.replace('2026-03-01', '２０２６-03-01');
    expect(deriveRevision(revision(Buffer.from(input), Buffer.from(dated)), []).fields.asOf).toBe('２０２６-03-01');
  });

  it('bytes that are not valid UTF-8 are hashed and read as their decoded text, as before', () => {
    const input = Buffer.concat([Buffer.from('{"household":{"village":"东'), Buffer.from([0xe4, 0xb8]), Buffer.from('村"},"members":[]}')]);
    const result = Buffer.concat([Buffer.from('{"policy":{"asOf":"2026-01-01"},"benefits":[{"code":"a\u00e9'), Buffer.from([0xff]), Buffer.from('","annual":"1"}],"totals":{"annual":"1"}}')]);
    const r = revision(input, result);
    const derived = deriveRevision(r, []);
    expect(derived.contentSha256).toBe(textHash(r, input.toString('utf8'), result.toString('utf8')));
    expect(derived.fields.village).toBe(`东\ufffd村`);
    expect(derived.fields.benefits).toEqual([{ code: 'a\u00e9\ufffd', annual: '1.00' }]);
  });
});
