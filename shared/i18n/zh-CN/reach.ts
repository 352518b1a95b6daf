import type { reach as en } from '../en/reach';

/** 联系顾客：电话、同意的渠道、建议话术。 */
export const reach: Record<keyof typeof en, string> = {
  'reach.default.lapsed_key':
    '{{name}}您好，我是{{shop}}的店主。好久没见到您了，想亲自问候一下，也想问问是不是我们哪里做得不好。很希望能再见到您。',
  'reach.default.lapsed': '{{name}}您好，这里是{{shop}}。好久不见，很想念您！我们有什么可以做得更好吗？欢迎您再来。',
  'reach.default.price_leaver': '{{name}}您好，这里是{{shop}}。我们为您准备了一份下次光临可用的优惠，欢迎您再来。',
  'reach.default.winback_follow_up': '{{name}}您好，又是{{shop}}。想再问候一下，您方便的时候随时欢迎回来。',
  'reach.default.complaint_apology': '{{name}}您好，这里是{{shop}}。对这次的事情非常抱歉，谢谢您告诉我们，我们正在处理。',
  'reach.default.complaint_follow_up': '{{name}}您好，这里是{{shop}}。上次的问题处理得您满意吗？还有什么需要我们做的吗？',
  'reach.default.introduce_contact':
    '{{name}}您好，这里是{{shop}}。之前为您服务的同事已经离职，以后由我为您服务，有任何需要随时联系我。',

  'reach.kind.lapsed_key': '流失的重点顾客（店主亲笔问候）',
  'reach.kind.lapsed': '流失顾客',
  'reach.kind.price_leaver': '因价格离开（附优惠）',
  'reach.kind.winback_follow_up': '挽回跟进',
  'reach.kind.complaint_apology': '投诉：道歉',
  'reach.kind.complaint_follow_up': '投诉回访（您满意吗？）',
  'reach.kind.introduce_contact': '介绍新的对接人',

  'reach.contact': '如何联系{{name}}',
  'reach.noPhone': '没有登记电话',
  'reach.copyPhone': '复制号码',
  'reach.copyPhoneFor': '复制{{name}}的号码',
  'reach.callFor': '给{{name}}打电话',
  'reach.channel.sms': '短信',
  'reach.channel.phone': '电话',
  'reach.channel.wechat': '微信',
  'reach.channel.email': '邮件',
  'reach.consent.yes': '{{channel}}：已同意',
  'reach.consent.no': '{{channel}}：未同意',
  'reach.message': '建议话术',
  'reach.sayThis': '电话里可以这样说',
  'reach.copyMessage': '复制话术',
  'reach.copyMessageFor': '复制给{{name}}的话术',
  'reach.copied': '已复制。',
  'reach.copyFailed': '无法复制：请选中文字自行复制。',
  'reach.noSendConsent': '未同意接收消息：不发送。',

  'reach.settings.title': '给顾客的话术',
  'reach.settings.hint': '每类任务的建议话术，使用店铺语言。可以使用 {{vars}}，会为每位顾客自动填入。',
  'reach.settings.reset': '恢复建议话术',
  'error.field.unknown_variable': '这段文字用了系统不认识的变量，只能使用上面列出的变量。',
};
