export const insights = {
  'nav.insights': 'Insights',
  'insights.title': 'Insights',
  'insights.asOf': 'Figures as of',
  'insights.computedAt': 'Computed {{time}}',
  'insights.loading': 'Counting…',
  'insights.empty': 'No sales yet: the charts appear once the shop has recorded some.',
  'insights.showTable': 'Show the figures',
  'insights.partial': '{{month}} (so far)',
  'insights.month': 'Month',

  'insights.active.title': 'Active customers and monthly churn',
  'insights.active.definition':
    'Active: bought in the {{n}} months before the month began. Lost: active at the start, and nothing bought in the month or the {{m}} months before it. Churn rate = lost ÷ active at the start; retention = 1 − churn.',
  'insights.active.summary':
    'In {{month}}, {{active}} customers were active at the start and {{lost}} were lost: churn {{churn}}, retention {{retention}}.',
  'insights.active.activeStart': 'Active at the start',
  'insights.active.lost': 'Lost',
  'insights.active.churn': 'Churn rate',
  'insights.active.retention': 'Retention',

  'insights.buyers.title': 'New and returning customers',
  'insights.buyers.summary':
    'In {{month}}, {{new}} new and {{returning}} returning customers bought (repeat-purchase rate {{rate}}).',
  'insights.buyers.repeatRate': 'Repeat-purchase rate',
  'insights.buyers.new': 'New',
  'insights.buyers.returning': 'Returning',

  'insights.sales.title': 'Revenue, units and buyers',
  'insights.sales.hint':
    'A price rise can keep revenue flat while buyers and units fall: compare the three. Dashed lines mark recorded price changes.',
  'insights.sales.summary': '{{month}} against 12 months earlier: revenue {{revenue}}, units {{units}}, buyers {{buyers}}.',
  'insights.sales.summaryShort': '{{month}}: revenue {{revenue}}, units {{units}}, buyers {{buyers}}.',
  'insights.sales.revenue': 'Revenue',
  'insights.sales.units': 'Units',
  'insights.sales.buyers': 'Buyers',
  'insights.sales.priceChanges': 'Recorded price changes',
  'insights.sales.noPriceChanges': 'No price changes recorded. Record them in Settings so the charts mark them.',

  'insights.pareto.title': 'Who brings the revenue (Pareto)',
  'insights.pareto.summary':
    'The top 20% of customers bring {{share}} of the last 12 months’ revenue ({{n}} customers bought in that time).',
  'insights.pareto.customers': 'Share of customers (best first)',
  'insights.pareto.revenue': 'Share of revenue',

  'insights.tiers.title': 'Tier mix',
  'insights.tiers.summary': 'Key customers: {{keyCustomers}}, bringing {{keyShare}} of the last 12 months’ revenue.',
  'insights.tiers.customers': 'Customers',
  'insights.tiers.value': 'Value, last 12 months',
  'insights.tiers.tier': 'Tier',

  'insights.cohorts.title': 'Cohort retention by first-purchase month',
  'insights.cohorts.hint': 'Of the customers who first bought in a month, the share who bought again 1, 2, 3… months later.',
  'insights.cohorts.cohort': 'First purchase',
  'insights.cohorts.size': 'Customers',
  'insights.cohorts.after': '+{{n}} mo',

  'insights.model.title': 'Does the model fit this shop?',
  'insights.model.summary':
    'Fitted on the history up to {{cal}}, the model expected {{expected}} repeat visits from those {{customers}} customers by {{end}}; there were {{actual}} ({{diff}}).',
  'insights.model.prior': 'The shop’s history was too thin to fit at that date, so a default prior was used.',
  'insights.model.none': 'Not enough history yet for this check (it needs sales from more than six months ago).',
  'insights.model.expected': 'Expected (model)',
  'insights.model.actual': 'Actual',
  'insights.model.date': 'By',
  'insights.list.summary':
    'The lapsed list as it stood on {{date}}: {{stayed}} of {{flagged}} flagged customers did not come back since.',
  'insights.list.none': 'The lapsed list as it stood on {{date}} flagged nobody.',
  'reports.title': 'What the shop learns',
  'reports.why': 'Why customers leave',
  'reports.whyHint': 'Reasons recorded in complaints, win-back cases and let-go decisions, by month.',
  'reports.none': 'Nothing recorded yet.',
  'reports.reason': 'Reason',
  'reports.all': 'All',
  'reports.winback': 'Win-back results',
  'reports.winbackSummary':
    '{{won}} of {{closed}} closed cases won back ({{rate}}), {{value}} recovered; a typical win-back took {{days}} days.',
  'reports.cases': 'Closed cases',
  'reports.won': 'Won back',
  'reports.rate': 'Rate',
  'reports.recovered': 'Recovered',
  'reports.byTier': 'By tier',
  'reports.byReason': 'By reason',
  'reports.complaints': 'Complaints',
  'reports.complaintsSummary':
    '{{total}} complaints, {{resolved}} resolved (typically within {{days}} days); of {{followed}} followed up, {{satisfied}} satisfied, {{notSatisfied}} not satisfied, {{unreachable}} could not be reached.',
  'reports.churn': 'Churn before and after a change',
  'reports.changeOn': 'Date of the change (prices, staff, range)',
  'reports.churnSummary':
    'Monthly churn in the {{months}} months before: {{before}} ({{lostBefore}} lost of {{activeBefore}} active); in the {{months}} months after: {{after}} ({{lostAfter}} of {{activeAfter}}).',
  'reports.churnNone': 'Pick a date within the last two years.',
  'reports.campaigns': 'Campaign results',
  'reports.campaign': 'Export',
  'reports.exported': 'Contacted',
  'reports.back30': 'Back within 30 days',
  'reports.back90': 'Back within 90 days',
} as const;
