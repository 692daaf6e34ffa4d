export { TelegramInbound, TELEGRAM_ACCOUNT } from './telegram.inbound';
export { TelegramOutbound } from './telegram.outbound';
export { TelegramMediaFetcher } from './telegram.media';
