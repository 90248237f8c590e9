/**
 * Short names for the 明白卡, whose lines are a few centimetres wide (handouts.md: cards for the wall
 * are short). The 明白纸 prints the full label from the result.
 */
const CARD_LABELS: Record<string, string> = {
  'medical.basic': '基本医保报销',
  'medical.critical': '大病保险报销',
  'medical.assistance': '医疗救助',
  'medical.premiumSubsidy': '医保参保资助',
  'education.preschool.living': '学前生活补助',
  'education.preschool.fee': '学前保教费资助',
  'education.preschool.freeYear': '学前一年免保教费',
  'education.compulsory.nutrition': '营养改善计划',
  'education.compulsory.living': '义教生活补助',
  'education.senior.grant': '高中助学金',
  'education.senior.feeWaiver': '高中免学费住宿费',
  'education.vocational.grant': '中职助学金',
  'education.vocational.feeWaiver': '中职免学费',
  'education.higher.grant': '大学助学金',
  'yulu.vocational': '雨露计划职教补助',
  'yulu.shortTraining': '雨露计划培训补助',
  'dibao.allowance': '低保金',
  'tekun.basic': '特困基本生活费',
  'tekun.care': '特困护理费',
  'disability.living': '残疾人生活补贴',
  'disability.care': '残疾人护理补贴',
  'temporaryAssistance.smallMax': '临时救助',
  'pension.premiumSubsidy': '养老保险代缴',
  'pension.basic': '基础养老金',
  'childcare.subsidy': '育儿补贴',
  'housing.renovation': '危房改造补助',
  'utility.electricity': '电费减免',
  'employment.startupSubsidy': '创业开业补贴',
  'employment.incubatorSubsidy': '创业孵化补贴',
  'employment.publicWelfareJob': '公益岗位补贴',
  'employment.trainingLiving': '培训生活费补贴',
  'employment.trainingTravel': '培训交通住宿补贴',
  'employment.workForTraining': '以工代训补贴',
};

export function cardLabel(code: string, label: string): string {
  return CARD_LABELS[code] ?? label;
}
