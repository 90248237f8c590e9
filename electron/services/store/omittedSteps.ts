/**
 * Revisions stored without their explanation steps (revisions.steps_omitted = 1, schema 7). 重新测算
 * writes a county's cases again in one run, and nothing reads the steps but a person opening or
 * printing the case: wording them is work a worker can skip (recalcCompute.ts computes without them
 * first), and they need not be compressed and hashed (≈ 5 % of a result's bytes on the bench's
 * synthetic cases, more with medical bills; tests/bench/README.md). So a recalculated revision stores its result as withoutSteps() gives it (every amount, code,
 * label, basis, warning and total as computed; shared/result/withoutSteps.ts), and its checksum seals
 * exactly those bytes.
 *
 * Opening one computes it again: its stored input (the assessment date made explicit by the
 * recalculation) under the pack version it names, the office keeping its packs. The full result is
 * shown only when, emptied of its steps the same way, it is byte for byte the stored result — so what
 * is shown is what the checksum proves, plus steps derived from it. Otherwise (the pack is gone, or
 * the rules of this program give something else) the stored result is shown as it is, with a note
 * saying why the steps are missing; 数据检查 lists such revisions (dataCheck.ts).
 */
import { calculate } from '../../../shared/calculate';
import type { Pack } from '../../../shared/packs/loadPack';
import type { CalcResult } from '../../../shared/result/types';
import { withoutSteps } from '../../../shared/result/withoutSteps';

/** The office's packs by id and version (the app: its pack registry); null when it has no such pack. */
export type PackLookup = (packId: string, packVersion: string) => Pack | null;

export type StepsRestored = { ok: true; result: CalcResult } | { ok: false; reason: 'pack' | 'differs'; note: string };

export function packMissingNote(packId: string, packVersion: string): string {
  return `明细无法重现：此版本由“重新测算”保存，只存了金额、依据和提示，计算明细需按参数包 ${packId} ${packVersion} 重新推算，而本机已没有这个参数包。以下金额与保存时一致（已校验），但不显示计算明细。导入该版本参数包后再打开即可看到明细。`;
}

export function differsNote(packId: string, packVersion: string): string {
  return `明细无法重现：此版本由“重新测算”保存，按参数包 ${packId} ${packVersion} 重新推算的结果与保存的金额或依据不一致，因此只显示保存时的金额和依据，不显示计算明细。请在“设置 · 数据检查”中查看，并请技术人员核对参数包。`;
}

/**
 * The full result of a revision stored without steps: computed again and checked against the stored
 * result (its JSON text as decoded and verified against the checksum).
 */
export function restoreSteps(packs: PackLookup | undefined, packId: string, packVersion: string, input: unknown, storedResultJson: string): StepsRestored {
  const pack = packs ? packs(packId, packVersion) : null;
  if (!pack) return { ok: false, reason: 'pack', note: packMissingNote(packId, packVersion) };
  const asOf = typeof input === 'object' && input !== null ? (input as { asOf?: unknown }).asOf : undefined;
  let computed: ReturnType<typeof calculate> | null = null;
  if (typeof asOf === 'string') {
    try {
      // exactly as 重新测算 computed it (recalcCompute.ts): the stored input, its own date as today
      computed = calculate(input, { pack, today: asOf });
    } catch {
      computed = null;
    }
  }
  if (!computed || !computed.ok || JSON.stringify(withoutSteps(computed.value)) !== storedResultJson) {
    return { ok: false, reason: 'differs', note: differsNote(packId, packVersion) };
  }
  return { ok: true, result: computed.value };
}
