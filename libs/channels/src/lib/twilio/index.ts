export { twilioSignature, verifyTwilioSignature } from './twilio-signature';
export { TwilioInbound } from './twilio.inbound';
export { TwilioOutbound } from './twilio.outbound';
export { TwilioMediaFetcher } from './twilio.media';
