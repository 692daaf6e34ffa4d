export { metaHandshake, metaSignature, verifyMetaSignature } from './meta-signature';
export { normaliseSha256, WhatsAppInbound } from './whatsapp.inbound';
export { WhatsAppOutbound } from './whatsapp.outbound';
export { WhatsAppMediaFetcher } from './whatsapp.media';
export { MetaMessagingInbound } from './meta-messaging.inbound';
export { MetaMessagingOutbound } from './meta-messaging.outbound';
export { MetaMessagingMediaFetcher } from './meta-messaging.media';
