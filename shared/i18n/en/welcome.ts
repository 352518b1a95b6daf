export const welcome = {
  'welcome.title': 'Welcome to Regulars',
  'welcome.lead': 'Regulars keeps your customers and their purchases on this computer and tells you who is slipping away.',
  'welcome.empty': 'Start with an empty shop',
  'welcome.emptyHint': 'Add customers at the counter as they come in, or import them later.',
  'welcome.demo': 'Explore a demo shop',
  'welcome.demoHint': 'A made-up shop with 300 customers and two years of sales, to look around first.',
  'welcome.working': 'Creating the demo shop…',
} as const;
