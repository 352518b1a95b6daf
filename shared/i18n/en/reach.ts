/** Reaching the customer: contact details, consent, suggested messages (Today, cases, lapsed list, Settings). */
export const reach = {
  'reach.default.lapsed_key':
    'Hello {{name}}, this is the owner of {{shop}}. We have not seen you for a while and I wanted to ask personally how you are, and whether we did anything wrong. It would be lovely to see you again.',
  'reach.default.lapsed':
    'Hello {{name}}, this is {{shop}}. We have missed you! Is there anything we could do better? We would be glad to see you again.',
  'reach.default.price_leaver':
    'Hello {{name}}, this is {{shop}}. We have kept something for you: an offer on your next visit. We would be glad to see you again. {{offer}}',
  'reach.default.winback_follow_up':
    'Hello {{name}}, {{shop}} here again. Just checking in: we would be glad to welcome you back whenever suits you.',
  'reach.default.complaint_apology':
    'Hello {{name}}, this is {{shop}}. We are sorry about what happened. Thank you for telling us; we are putting it right.',
  'reach.default.complaint_follow_up':
    'Hello {{name}}, this is {{shop}}. Were you satisfied with how we handled your complaint? Anything else we can do?',
  'reach.default.introduce_contact':
    'Hello {{name}}, this is {{shop}}. The colleague who looked after you has left; I will be your contact from now on. Let me know whenever you need anything.',

  'reach.kind.lapsed_key': 'Lapsed key customer (a personal note from the owner)',
  'reach.kind.lapsed': 'Lapsed customer',
  'reach.kind.price_leaver': 'Left over price (the offer)',
  'reach.kind.winback_follow_up': 'Win-back follow-up',
  'reach.kind.complaint_apology': 'Complaint: apology',
  'reach.kind.complaint_follow_up': 'Complaint follow-up (were you satisfied?)',
  'reach.kind.introduce_contact': 'Introducing the new contact person',

  'reach.contact': 'How to reach {{name}}',
  'reach.noPhone': 'No phone number on file',
  'reach.copyPhone': 'Copy number',
  'reach.copyPhoneFor': 'Copy {{name}}’s number',
  'reach.callFor': 'Call {{name}}',
  'reach.channel.sms': 'SMS',
  'reach.channel.phone': 'Calls',
  'reach.channel.wechat': 'WeChat',
  'reach.channel.email': 'Email',
  'reach.consent.yes': '{{channel}}: agreed',
  'reach.consent.no': '{{channel}}: not agreed',
  'reach.message': 'Suggested message',
  'reach.sayThis': 'What to say on the phone',
  'reach.copyMessage': 'Copy message',
  'reach.copyMessageFor': 'Copy the message for {{name}}',
  'reach.copied': 'Copied.',
  'reach.copyFailed': 'Could not copy: select the text and copy it yourself.',
  'reach.noSendConsent': 'Not agreed to messages: nothing to send.',

  'reach.attempt.reached': 'Reached',
  'reach.attempt.no_answer': 'No answer',
  'reach.attempt.wrong_number': 'Wrong number',
  'reach.recordFor': '{{outcome}}: {{name}}',
  'reach.reasonIfSaid': 'Why they stopped coming, if they said ({{name}})',
  'reach.reasonNotSaid': 'They did not say',
  'reach.attempts': 'Attempts to reach them',
  'reach.attemptLine': '{{date}}: {{outcome}}',
  'reach.attemptLineReason': '{{date}}: {{outcome}} ({{reason}})',
  'reach.triedTimes': 'No answer after {{count}} tries: try another channel, or let it rest.',
  'reach.retryOn': 'No answer: try again on {{date}}.',
  'reach.wrongNumberOnFile': 'Wrong number: correct it on the customer page.',
  'reach.recorded': 'Recorded: {{outcome}} ({{name}}).',
  'reach.insights.reached': 'Reached at least once',

  'reach.settings.title': 'Messages to customers',
  'reach.settings.hint':
    'The suggested text for each kind of task, in the shop’s language. You can use {{vars}}; they are filled in for each customer.',
  'reach.settings.reset': 'Back to the suggested texts',
  'error.field.unknown_variable': 'This text uses a variable the app does not know; use only the ones listed above.',
};
