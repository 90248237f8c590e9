/**
 * Which parts of 更多情况 mean something for a member of this age and situation (issue 15: no 务工 for a
 * 14-year-old, 学段 only at school ages), and in which order: what people of that age most often have
 * comes first. Without an age (no birth date yet) everything is offered. Anything already filled in is
 * always shown, whatever the age, so nothing entered is hidden.
 */
import type { Status } from '@shared/household/codes';
import type { MemberDraft } from './caseDraft';

export type DetailPart = 'student' | 'disability' | 'pension' | 'work' | 'status' | 'tekunCare';

/** 学前 from 2 (托班), up to doctoral study */
export const SCHOOL_AGES = { from: 2, to: 35 } as const;
/** 城乡居民养老保险: insured from 16 (pension.minAge), receiving from 60 */
export const PENSION_FROM_AGE = 16;
/** 务工、培训、创业、公益性岗位: working age (the 法定劳动年龄 from 16) */
export const WORK_AGES = { from: 16, to: 70 } as const;

function hasWork(member: MemberDraft): boolean {
  const t = member.training;
  return member.monthlyWage.trim() !== '' || member.workplaceUrbanDibaoStandard.trim() !== '' || t.yuluShort !== '' || t.designatedDays.trim() !== '' || t.outOfCountyCosts.trim() !== '' || t.workForTrainingMonths.trim() !== '' || member.startup.on || member.publicWelfareJob.on;
}

export function relevantParts(member: MemberDraft, age: number | null, householdStatus: Status | ''): DetailPart[] {
  const within = (range: { from: number; to: number }) => age === null || (age >= range.from && age <= range.to);
  const tekun = householdStatus === 'tekun' || member.statuses.includes('tekun') || member.tekunCare !== '';
  const show: Record<DetailPart, boolean> = {
    student: within(SCHOOL_AGES) || member.student.on,
    disability: true,
    pension: age === null || age >= PENSION_FROM_AGE || member.pension !== '',
    work: within(WORK_AGES) || hasWork(member),
    status: true,
    tekunCare: tekun,
  };
  const order: DetailPart[] =
    age !== null && age < 18
      ? ['student', 'disability', 'status', 'tekunCare', 'pension', 'work']
      : age !== null && age >= 60
        ? ['pension', 'disability', 'tekunCare', 'status', 'work', 'student']
        : ['disability', 'pension', 'status', 'tekunCare', 'work', 'student'];
  return order.filter((part) => show[part]);
}
