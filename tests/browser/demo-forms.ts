/** Every demo form, the demo page that shows it (on the Worker's origin) and the element it is mounted on. */
export const DEMO_FORMS = [
  { id: 'demo-perfectgym', page: '/', host: 'leadgate-form' },
  { id: 'demo-magicline-open', page: '/magicline-open.html', host: '#trial-form' },
  { id: 'demo-virtuagym', page: '/virtuagym.html', host: '#trial-form' },
  { id: 'demo-magicline', page: '/magicline-connect.html', host: '#trial-form' },
  { id: 'demo-crm', page: '/crm.html', host: '#trial-form' },
  { id: 'demo-perfectgym-classic', page: '/perfectgym-classic.html', host: '#trial-form' },
] as const;
