/** How a pack value reads on the 政策参数 page: 440 元/月, 70%, 1/3, a list, or 不适用. */
import { formatParamValue } from '@shared/packs/params';
import type { RawDatedValue, Unit } from '@shared/packs/types';
import { parseQuantity } from '@shared/quantity';

export function rawValueText(unit: Unit, value: RawDatedValue['value'] | undefined): string {
  if (value === undefined) return '（无）';
  if (value === null) return '（不适用）';
  if (Array.isArray(value)) return value.join('、');
  const quantity = parseQuantity(value);
  return quantity ? formatParamValue(unit, quantity) : value;
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

export function localIsoDate(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
