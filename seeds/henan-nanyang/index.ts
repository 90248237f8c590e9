/**
 * The shipped 河南·南阳 pack, assembled from its files: metadata, the documents cited, each clause once
 * (clauses.json; the texts they quote are in sources/), the rules' citations, the parameters by family,
 * how each benefit reaches the family, what to bring and where to go for each (guidance.json), and the words household rosters use for
 * 身份, 残疾, 学段 and 与户主关系 (rosterWords.json, read by roster imports). Data only; loading and checking is shared/packs/loadPack.ts.
 */
import type { RawPack } from '../../shared/packs/types';
import clauses from './clauses.json';
import deliveries from './deliveries.json';
import documents from './documents.json';
import guidance from './guidance.json';
import meta from './pack.json';
import childcare from './parameters/childcare.json';
import education from './parameters/education.json';
import employment from './parameters/employment.json';
import housing from './parameters/housing.json';
import medical from './parameters/medical.json';
import monitoring from './parameters/monitoring.json';
import pension from './parameters/pension.json';
import social from './parameters/social.json';
import rosterWords from './rosterWords.json';
import rules from './rules.json';

const parameters = { ...medical, ...social, ...pension, ...childcare, ...housing, ...education, ...employment, ...monitoring };

/**
 * The keys of the shipped pack's parameters and rule citations: the one list of what a rule may read
 * (shared/packs/keys.ts). A rule reading a key no shipped file defines does not compile.
 */
export type ShippedParameterKey = keyof typeof parameters;
export type ShippedRuleKey = keyof typeof rules;

export const henanNanyang = {
  ...meta,
  documents,
  clauses,
  parameters,
  rules,
  deliveries,
  guidance,
  rosterWords,
} as unknown as RawPack;
