import type { welcome as en } from '../en/welcome';

export const welcome: Record<keyof typeof en, string> = {
  'welcome.title': '欢迎使用回头客',
  'welcome.lead': '回头客把顾客和消费记录保存在这台电脑上，并告诉您哪些顾客正在流失。',
  'welcome.empty': '从空白店铺开始',
  'welcome.emptyHint': '顾客到店时在收银台添加，或稍后导入。',
  'welcome.demo': '浏览示例店铺',
  'welcome.demoHint': '一家虚构的小店，有 300 位顾客和两年的销售记录，先随便看看。',
  'welcome.working': '正在创建示例店铺…',
};
