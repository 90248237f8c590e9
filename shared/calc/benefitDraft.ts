/**
 * A benefit while it is being worked out: its steps in Chinese (with the numbers used) and the
 * citations behind them. Rules add a step each time they use a value, so the explanation and the
 * arithmetic cannot drift apart.
 */
import type { Decimal } from '../money';
import { toFen } from '../money';
import type { UsedValue } from '../packs/params';
import type { Basis } from '../packs/types';
import { benefitInfo, type BenefitCode } from '../result/benefitCodes';
import { deliveryOf } from '../result/delivery';
import type { BenefitResult } from '../result/types';

export class BenefitDraft {
  readonly steps: string[] = [];
  // A pack's citations are shared objects, so identity is enough to cite each once.
  private readonly basis: Basis[] = [];
  private finished = false;

  constructor(
    readonly code: BenefitCode,
    readonly memberId: string | null,
    /** false: the steps are not written (a calculation without explanations, calculate.ts `explain`) */
    private readonly explain = true,
  ) {}

  /**
   * One step of the explanation. Given as a function when wording it costs something (amounts to
   * format): it is called at once, or not at all when the calculation is without explanations.
   */
  step(text: string | (() => string)): this {
    if (this.finished) throw new Error(`benefit ${this.code} given a step after it was finished`);
    if (this.explain) this.steps.push(typeof text === 'string' ? text : text());
    return this;
  }

  /**
   * Cite the documents behind parameters and rules (each citation once, in order of first use): values
   * read through PolicyParams and rule citations from PolicyParams.rule, both by typed keys. Undefined
   * only where a pack made before a rule was cited lacks it.
   */
  cite(...sources: (UsedValue | Basis | undefined)[]): this {
    for (const source of sources) {
      if (!source) continue;
      const basis = 'basis' in source ? source.basis : source;
      // a benefit cites a handful of documents: a look along its list costs less than a Set per benefit
      if (this.basis.includes(basis)) continue;
      this.basis.push(basis);
    }
    return this;
  }

  /** The benefit, once: the result takes the steps and citations as they are (no copies), so the draft is done. */
  finish(amounts: { annual: Decimal; monthly?: Decimal | null; minArea?: Decimal | null; label?: string }): BenefitResult {
    if (this.finished) throw new Error(`benefit ${this.code} finished twice`);
    this.finished = true;
    const info = benefitInfo(this.code);
    return {
      code: this.code,
      memberId: this.memberId,
      label: amounts.label ?? info.label,
      annual: toFen(amounts.annual),
      monthly: amounts.monthly ? toFen(amounts.monthly) : null,
      minArea: amounts.minArea ? amounts.minArea.toString() : null,
      steps: this.steps,
      basis: this.basis,
      group: info.group,
      payment: info.payment,
      // the contract's; calculate.ts sets the pack's own where it differs
      delivery: deliveryOf({ code: this.code }),
    };
  }
}
