/**
 * Each benefit's rule in one plain sentence for the family (the 明白纸's "怎么算的"). No figures here:
 * the standard and the amounts printed beside it come from the result, so a new pack never leaves a
 * stale number on paper. A code without a sentence falls back to the result's first step.
 */
const RULE_SENTENCES: Record<string, string> = {
  'medical.basic': '住院和门诊慢特病在政策范围内的费用，扣除起付线后，按医院级别对应的比例由基本医保报销。',
  'medical.critical': '基本医保报销后个人负担的政策范围内费用全年累计，超过大病保险起付线的部分再按比例（分段的，费用越高比例越高）由大病保险报销，困难群众起付线降低、比例提高。',
  'medical.assistance': '经基本医保、大病保险报销后仍由个人负担的政策范围内费用，按救助对象身份的比例给予医疗救助，全年有救助限额。',
  'medical.premiumSubsidy': '困难群众参加城乡居民医保的个人缴费，按身份由医疗救助资金全额或定额资助。',
  'education.preschool.living': '在普惠性幼儿园就读的家庭经济困难儿童，每年享受学前教育生活补助。',
  'education.preschool.fee': '家庭经济困难儿童按规定减免幼儿园保教费。',
  'education.preschool.freeYear': '在公办幼儿园就读学前最后一年（大班）的幼儿免除保育教育费，由幼儿园直接免收；伙食费等仍按规定收取。',
  'education.compulsory.nutrition': '义务教育阶段学生由学校以膳食补助的形式享受营养改善计划。',
  'education.compulsory.living': '义务教育阶段家庭经济困难学生每年享受生活补助，寄宿生与非寄宿生标准不同。',
  'education.senior.grant': '普通高中家庭经济困难学生享受国家助学金，按学校评定的档次发放。',
  'education.senior.feeWaiver': '家庭经济困难的普通高中学生免除学费、住宿费，由学校直接免除。',
  'education.vocational.grant': '中等职业学校家庭经济困难学生享受国家助学金。',
  'education.vocational.feeWaiver': '中等职业学校全日制学历教育在校生免除学费。',
  'education.higher.grant': '高等教育阶段家庭经济困难学生享受国家助学金，由高校评定发放。',
  'yulu.vocational': '脱贫家庭（含监测对象家庭）子女接受中、高等职业教育的，每年享受雨露计划补助。',
  'yulu.shortTraining': '脱贫家庭（含监测对象家庭）劳动力参加短期技能培训并取得证书的，按工种类别给予补助。',
  'dibao.allowance': '家庭月人均收入低于当地低保标准的，按“标准减去人均收入”的差额乘以家庭人数，按月发放低保金。',
  'tekun.basic': '特困人员按当地特困供养基本生活标准，按月领取基本生活费。',
  'tekun.care': '特困人员按生活自理能力（全自理、半护理、全护理）享受照料护理费。',
  'disability.living': '低保家庭等困难家庭中的残疾人，按月享受困难残疾人生活补贴。',
  'disability.care': '持一、二级残疾人证的重度残疾人，按月享受护理补贴。',
  'temporaryAssistance.smallMax': '因突发事件、意外事故、重大疾病等导致基本生活暂时困难的，可由乡镇（街道）直接审批小额临时救助。',
  'pension.premiumSubsidy': '困难群体参加城乡居民养老保险的，由政府按最低缴费档次代缴部分或全部保费。',
  'pension.basic': '参加城乡居民养老保险并按月领取待遇的，每月领取基础养老金（个人账户养老金按本人缴费另计）。',
  'childcare.subsidy': '不满3周岁的婴幼儿按月计算享受育儿补贴，由父母或监护人向婴幼儿户籍所在地申领，每年发放；育儿补贴不计入低保、特困认定的家庭收入。',
  'housing.renovation': '重点对象的住房经鉴定为危房的，按改造方式给予农村危房改造补助。',
  'utility.electricity': '低保户、特困户每月减免一定电量的电费，由供电公司直接减免。',
  'employment.startupSubsidy': '首次自主创业、取得营业执照并正常经营满规定期限的，可申请一次性创业开业补贴。',
  'employment.incubatorSubsidy': '入驻创业孵化基地的创业实体，可按规定申请物管、卫生、房租、水电等费用补贴。',
  'employment.publicWelfareJob': '在乡村公益性岗位上岗的人员，按月领取岗位补贴。',
  'employment.trainingLiving': '参加定点培训机构集中培训的，按培训天数享受生活费补贴。',
  'employment.trainingTravel': '到县外省内定点机构培训的，交通费、住宿费凭票据在限额内补贴。',
  'employment.workForTraining': '企业吸纳就业并开展以工代训的，按人按月给企业补贴。',
};

export function ruleSentence(code: string, steps: readonly string[]): string {
  return RULE_SENTENCES[code] ?? steps[0] ?? '';
}
