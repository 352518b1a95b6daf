import type { insights as en } from '../en/insights';

export const insights: Record<keyof typeof en, string> = {
  'nav.insights': '经营洞察',
  'insights.title': '经营洞察',
  'insights.asOf': '统计截至',
  'insights.computedAt': '计算于 {{time}}',
  'insights.loading': '正在统计…',
  'insights.empty': '还没有销售记录：记录销售后这里会显示图表。',
  'insights.showTable': '查看数据',
  'insights.partial': '{{month}}（本月至今）',
  'insights.month': '月份',

  'insights.active.title': '活跃顾客与月流失率',
  'insights.active.definition':
    '活跃：当月开始前的 {{n}} 个月内有购买。流失：月初活跃，但当月及之前 {{m}} 个月都没有购买。流失率 = 流失人数 ÷ 月初活跃人数；留存率 = 1 − 流失率。',
  'insights.active.summary': '{{month}}：月初活跃顾客 {{active}} 人，流失 {{lost}} 人，流失率 {{churn}}，留存率 {{retention}}。',
  'insights.active.activeStart': '月初活跃',
  'insights.active.lost': '流失',
  'insights.active.churn': '流失率',
  'insights.active.retention': '留存率',

  'insights.buyers.title': '新顾客与回头客',
  'insights.buyers.summary': '{{month}}：新顾客 {{new}} 人，回头客 {{returning}} 人。',
  'insights.buyers.new': '新顾客',
  'insights.buyers.returning': '回头客',

  'insights.sales.title': '营业额、件数与购买人数',
  'insights.sales.hint': '涨价后营业额可能持平，而购买人数和件数在下降：三者要对照着看。虚线标出已记录的调价。',
  'insights.sales.summary': '{{month}} 与 12 个月前相比：营业额 {{revenue}}，件数 {{units}}，购买人数 {{buyers}}。',
  'insights.sales.summaryShort': '{{month}}：营业额 {{revenue}}，件数 {{units}}，购买人数 {{buyers}}。',
  'insights.sales.revenue': '营业额',
  'insights.sales.units': '件数',
  'insights.sales.buyers': '购买人数',
  'insights.sales.priceChanges': '已记录的调价',
  'insights.sales.noPriceChanges': '还没有记录调价。在“设置”中记录后，图表会标出来。',

  'insights.pareto.title': '营业额来自谁（帕累托）',
  'insights.pareto.summary': '前 20% 的顾客贡献了近 12 个月营业额的 {{share}}（这段时间共有 {{n}} 位顾客购买）。',
  'insights.pareto.customers': '顾客占比（贡献从高到低）',
  'insights.pareto.revenue': '营业额占比',

  'insights.tiers.title': '顾客等级构成',
  'insights.tiers.summary': '重点顾客 {{keyCustomers}} 人，贡献近 12 个月营业额的 {{keyShare}}。',
  'insights.tiers.customers': '顾客数',
  'insights.tiers.value': '近 12 个月消费',
  'insights.tiers.tier': '等级',

  'insights.cohorts.title': '按首次购买月份的留存',
  'insights.cohorts.hint': '某月首次购买的顾客中，在之后第 1、2、3… 个月再次购买的比例。',
  'insights.cohorts.cohort': '首次购买',
  'insights.cohorts.size': '顾客数',
  'insights.cohorts.after': '+{{n}} 月',

  'insights.model.title': '模型适合本店吗？',
  'insights.model.summary':
    '用截至 {{cal}} 的历史拟合，模型预计这 {{customers}} 位顾客到 {{end}} 会回购 {{expected}} 次；实际为 {{actual}} 次（{{diff}}）。',
  'insights.model.prior': '当时本店历史数据太少，无法拟合，使用了默认先验参数。',
  'insights.model.none': '历史数据还不够做这项检验（需要六个月以前的销售记录）。',
  'insights.model.expected': '预计（模型）',
  'insights.model.actual': '实际',
  'insights.model.date': '截至',
  'insights.list.summary': '{{date}} 时的流失名单：标记的 {{flagged}} 位顾客中，有 {{stayed}} 位此后没有再来。',
  'insights.list.none': '{{date}} 时的流失名单没有标记任何顾客。',
};
