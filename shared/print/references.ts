/**
 * 政策依据: the documents the printed items cite, numbered once in order of first use, so each item
 * prints "[1] 第二部分 二、健康帮扶（二）4.①" and the sheet lists document [1] once at its end. The
 * pack's document list adds the issuer and date where the cited name matches one of its documents.
 */
import { documentName } from '../packs/loadPack';
import type { Basis, PolicyDocument } from '../packs/types';

export interface PrintedReference {
  ref: number;
  /** document number and title as the result cites it */
  doc: string;
  /** 发文机关、日期, or "" when the pack does not know the document */
  issuedBy: string;
  /** false: not among the shipped texts or not yet checked against them (printed as 待核实) */
  verified: boolean;
}

export interface PrintedCitation {
  ref: number;
  clause: string;
  verified: boolean;
}

export class ReferenceList {
  private readonly byDoc = new Map<string, PrintedReference>();
  private readonly known = new Map<string, PolicyDocument>();

  constructor(documents: Readonly<Record<string, PolicyDocument>>) {
    for (const document of Object.values(documents)) this.known.set(documentName(document), document);
  }

  /** The citations of one item: each document+clause once. */
  cite(basis: readonly Basis[]): PrintedCitation[] {
    const seen = new Set<string>();
    const citations: PrintedCitation[] = [];
    for (const entry of basis) {
      const reference = this.reference(entry);
      const key = `${reference.ref}|${entry.clause}`;
      if (seen.has(key)) continue;
      seen.add(key);
      citations.push({ ref: reference.ref, clause: entry.clause, verified: entry.verified });
    }
    return citations;
  }

  list(): PrintedReference[] {
    return [...this.byDoc.values()];
  }

  private reference(entry: Basis): PrintedReference {
    const existing = this.byDoc.get(entry.doc);
    if (existing) {
      if (!entry.verified) existing.verified = false;
      return existing;
    }
    const document = this.known.get(entry.doc);
    const issuedBy = document ? [document.issuer, document.date].filter((part) => part && part.trim() !== '').join('，') : '';
    const created: PrintedReference = { ref: this.byDoc.size + 1, doc: entry.doc, issuedBy, verified: entry.verified };
    this.byDoc.set(entry.doc, created);
    return created;
  }
}
