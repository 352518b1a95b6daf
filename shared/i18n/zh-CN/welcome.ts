import type { welcome as en } from '../en/welcome';

export const welcome: Record<keyof typeof en, string> = {
  'welcome.title': '欢迎使用回头客',
  'welcome.lead': '回头客把顾客和消费记录保存在这台电脑上，并告诉您哪些顾客正在流失。',
  'welcome.empty': '从空白店铺开始',
  'welcome.emptyHint': '顾客到店时在收银台添加，或稍后导入。',
  'welcome.zoneHint': '每笔销售都按店铺所在时区记日期。这里取自本机设置，请在第一笔销售前确认（以后可在设置中修改）。',
  'welcome.demo': '浏览示例店铺',
  'welcome.demoHint': '一家虚构的小店，有 300 位顾客和两年的销售记录，先随便看看。',
  'welcome.working': '正在创建示例店铺…',
  'recovery.title': '店铺数据库已损坏',
  'recovery.lead': '回头客启动时检查了数据库，发现它已损坏。请恢复最近一份完好的备份后继续使用；损坏的文件也会另存为备份。',
  'recovery.latest': '最近一份完好的备份：{{date}} —— {{customers}} 位顾客，{{sales}} 笔销售。',
  'recovery.none': '在 {{dir}} 中没有找到可用的备份。请把备份文件复制到该文件夹，或联系技术支持。',
  'recovery.restore': '恢复最近一份完好的备份',
  'recovery.restored': '已恢复。损坏的数据库保存在 {{file}}。',
  'recovery.checking': '正在查找备份…',
};
