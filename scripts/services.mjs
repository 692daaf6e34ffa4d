// The services `npm start` and `npm run migrate` run, in start order.
export const SERVICES = ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway'];
