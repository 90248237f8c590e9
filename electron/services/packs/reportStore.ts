/**
 * The change reports of past recalculations, one JSON file each in <dataDir>/packs/reports/, written
 * atomically when a job ends, so a report can be viewed and exported after a restart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeReport, ChangeReportHead } from '../../../shared/api/packApi';
import { writeFileAtomic } from './atomicFile';
import { ensurePrivateFolder } from '../store/privateFiles';

const REPORTS = 'reports';
const NAME = /^[0-9a-f-]{36}\.json$/;

export class ReportStore {
  private readonly heads = new Map<string, ChangeReportHead>();
  /** the report last read: paging through 100,000 households reads the file once */
  private last: ChangeReport | null = null;

  constructor(private readonly packsFolder: string) {}

  private get folder(): string {
    return join(this.packsFolder, REPORTS);
  }

  save(report: ChangeReport): void {
    ensurePrivateFolder(this.folder);
    writeFileAtomic(join(this.folder, `${report.jobId}.json`), JSON.stringify(report));
    const { byBenefit: _b, byVillage: _v, cases: _c, ...head } = report;
    this.heads.set(report.jobId, head);
    this.last = report;
  }

  load(jobId: string): ChangeReport | null {
    const name = `${jobId}.json`;
    if (!NAME.test(name)) return null;
    if (this.last?.jobId === jobId) return this.last;
    try {
      this.last = JSON.parse(readFileSync(join(this.folder, name), 'utf8')) as ChangeReport;
      return this.last;
    } catch {
      return null;
    }
  }

  /** Every saved report's heading, newest first. */
  list(): ChangeReportHead[] {
    // the folder is the truth: after 恢复 from a backup it may hold other reports than those remembered
    const names = existsSync(this.folder) ? readdirSync(this.folder) : [];
    for (const jobId of [...this.heads.keys()]) if (!names.includes(`${jobId}.json`)) this.heads.delete(jobId);
    if (this.last && !names.includes(`${this.last.jobId}.json`)) this.last = null;
    for (const name of names) {
      const jobId = name.slice(0, -'.json'.length);
      if (!NAME.test(name) || this.heads.has(jobId)) continue;
      const report = this.load(jobId);
      if (!report) continue;
      const { byBenefit: _b, byVillage: _v, cases: _c, ...head } = report;
      this.heads.set(jobId, head);
    }
    return [...this.heads.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }
}
