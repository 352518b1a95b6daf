export const welcome = {
  'welcome.title': 'Welcome to Regulars',
  'welcome.lead': 'Regulars keeps your customers and their purchases on this computer and tells you who is slipping away.',
  'welcome.empty': 'Start with an empty shop',
  'welcome.emptyHint': 'Add customers at the counter as they come in, or import them later.',
  'welcome.zoneHint':
    'Every sale is dated by the shop’s time zone. It is taken from this computer: check it before the first sale (Settings can change it later).',
  'welcome.demo': 'Explore a demo shop',
  'welcome.demoHint': 'A made-up shop with 300 customers and two years of sales, to look around first.',
  'welcome.working': 'Creating the demo shop…',
  'recovery.title': 'The shop’s database is damaged',
  'recovery.lead':
    'Regulars checked the database when it started and found it damaged. Restore the latest good backup to keep working; the damaged file is kept as a backup too.',
  'recovery.latest': 'Latest good backup: {{date}} — {{customers}} customers, {{sales}} sales.',
  'recovery.none': 'No usable backup was found in {{dir}}. Copy a backup into that folder, or contact support.',
  'recovery.restore': 'Restore the latest good backup',
  'recovery.restored': 'Restored. The damaged database was kept in {{file}}.',
  'recovery.checking': 'Looking for backups…',
} as const;
