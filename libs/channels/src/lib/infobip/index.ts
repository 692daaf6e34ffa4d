export { InfobipInbound } from './infobip.inbound';
export { InfobipOutbound, infobipMessageId } from './infobip.outbound';
