/** How a pack value reads on the 政策参数 page: 440 元/月, 70%, 1/3, a list, bands, or 不适用. */
import { parseBands } from '@shared/packs/bands';
import { documentName, resolveCitation } from '@shared/packs/loadPack';
import { formatBands, formatParamValue } from '@shared/packs/params';
import type { RawBand, RawCitation, RawPack, RawValue, Unit } from '@shared/packs/types';
import { parseQuantity } from '@shared/quantity';

const isBands = (value: RawValue): value is RawBand[] => Array.isArray(value) && value.length > 0 && typeof value[0] === 'object';

export function rawValueText(unit: Unit, value: RawValue | undefined): string {
  if (value === undefined) return '（无）';
  if (value === null) return '（不适用）';
  if (isBands(value)) {
    const read = parseBands(value);
    return 'bands' in read ? formatBands(read.bands) : JSON.stringify(value);
  }
  if (Array.isArray(value)) return (value as string[]).join('、');
  const quantity = parseQuantity(value);
  return quantity ? formatParamValue(unit, quantity) : value;
}

/** The document, clause and note of a value as the page shows them, whichever way the pack cites. */
export function citationOf(pack: RawPack, citation: RawCitation): { doc: string; clause: string; note: string; verified: boolean } {
  const resolved = resolveCitation(pack, citation);
  if (typeof resolved === 'string') return { doc: '', clause: resolved, note: '', verified: false };
  return { doc: documentName(resolved.document), clause: resolved.clause, note: resolved.note ?? '', verified: resolved.verified };
}

/**
 * Bands as staff type them in the editor, "0:0.6；100000:0.7" (累计自付起点:比例), and back as the JSON
 * text the pack check reads; text that is not in that form is passed on as it is (it may be JSON).
 */
export function bandsToText(value: RawValue | undefined): string {
  return value && isBands(value) ? value.map((band) => `${band.from}:${band.rate}`).join('；') : '';
}

export function textToBands(text: string): string {
  const parts = text.split(/[；;，,、]/).map((part) => part.trim()).filter(Boolean);
  const bands = parts.map((part) => /^(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)$/.exec(part));
  if (parts.length === 0 || bands.some((match) => !match)) return text.trim();
  return JSON.stringify(bands.map((match) => ({ from: (match as RegExpExecArray)[1], rate: (match as RegExpExecArray)[2] })));
}

/** A file the user picked, as base64 (for pack files) or text (for key files). */
export function readPicked(file: File, as: 'base64' | 'text'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.onload = () => {
      const result = reader.result;
      if (as === 'text') resolve(String(result));
      else resolve(String(result).replace(/^data:[^,]*,/, ''));
    };
    if (as === 'text') reader.readAsText(file, 'utf-8');
    else reader.readAsDataURL(file);
  });
}

export const errorsText = (errors: { message: string }[]) => errors.map((e) => e.message).join('；');

