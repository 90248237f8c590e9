/**
 * The shipped 河南·南阳 pack, assembled from its files: metadata, the documents cited, the rules'
 * clauses, and the parameters by family. Data only; loading and checking is shared/packs/loadPack.ts.
 */
import type { RawPack } from '../../shared/packs/types';
import documents from './documents.json';
import meta from './pack.json';
import education from './parameters/education.json';
import employment from './parameters/employment.json';
import housing from './parameters/housing.json';
import medical from './parameters/medical.json';
import monitoring from './parameters/monitoring.json';
import pension from './parameters/pension.json';
import social from './parameters/social.json';
import rules from './rules.json';

export const henanNanyang = {
  ...meta,
  documents,
  parameters: { ...medical, ...social, ...pension, ...housing, ...education, ...employment, ...monitoring },
  rules,
} as unknown as RawPack;
