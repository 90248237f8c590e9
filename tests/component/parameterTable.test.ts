/**
 * The 政策参数 page's table over the shipped pack: values cited by clause id show their document and
 * clause, 大病保险 bands and lists read as staff say them, a yearly value carried over is marked 沿用往年
 * and a value 待核实 is marked; the editor's bands notation ("0:0.6；100000:0.7") becomes what the pack
 * check reads.
 */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ParameterTable from '../../renderer/src/components/packs/ParameterTable.vue';
import { bandsToText, textToBands } from '../../renderer/src/components/packs/packText';
import { SHIPPED_PACKS } from '../../seeds';

const raw = SHIPPED_PACKS[0]!;

function rowOf(wrapper: ReturnType<typeof mount>, key: string) {
  const row = wrapper.findAll('tbody tr').find((tr) => tr.text().includes(key));
  if (!row) throw new Error(`no row for ${key}`);
  return row.text();
}

describe('ParameterTable', () => {
  const wrapper = mount(ParameterTable, { props: { pack: raw, asOf: '2026-12-01' } });

  it('writes bands and lists out, with their source', () => {
    expect(rowOf(wrapper, 'medical.critical.bands')).toContain('10万元以下部分 60%，10万元以上部分 70%');
    expect(rowOf(wrapper, 'medical.critical.bands')).toContain('河南省医疗保障局关于城乡居民大病保险待遇标准的通知（2022年）');
    expect(rowOf(wrapper, 'medical.assistance.outpatient.diseases')).toContain('终末期肾病、血友病');
  });
  it('resolves clause ids to the document and clause, and marks 待核实 and 沿用往年', () => {
    const rural = rowOf(wrapper, 'dibao.standard.rural');
    expect(rural).toContain('第二部分 五、兜底保障（二）1.①');
    expect(rural).toContain('沿用往年');
    expect(rowOf(wrapper, 'minimumWage.tier2')).toContain('2,150 元/月');
    expect(rowOf(wrapper, 'minimumWage.tier2')).toContain('待核实');
    expect(rowOf(wrapper, 'pension.basicMinimum')).not.toContain('沿用往年');
    expect(wrapper.text()).toContain('参数核对至 2026-12-01');
  });
});

describe('bands in the editor', () => {
  it('shows the bands in force as 起点:比例 and reads them back as JSON for the pack check', () => {
    const current = raw.parameters['medical.critical.bands']!.values[0]!.value;
    expect(bandsToText(current)).toBe('0:0.60；100000:0.70');
    expect(JSON.parse(textToBands('0:0.6；30000：0.65，100000:0.75'))).toEqual([
      { from: '0', rate: '0.6' },
      { from: '30000', rate: '0.65' },
      { from: '100000', rate: '0.75' },
    ]);
    // anything else is passed on as typed, for the check to word the problem
    expect(textToBands('60%')).toBe('60%');
  });
});
