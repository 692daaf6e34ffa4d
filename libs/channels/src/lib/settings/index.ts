// Every provider's settings, read from the environment (see channelSettingsFromEnv).
export { CHANNEL_VARIABLES, DEFAULT_MEDIA_HOSTS, type ChannelVariable, type MediaProvider } from './channel-variables';
export { firstAccountOf, type ChannelSettings, type InfobipSettings, type MetaMessagingSettings, type TelegramSettings, type TwilioSettings, type WebFormSettings, type WhatsAppSettings } from './provider-settings';
export { ChannelSettingsError, channelSettingsFromEnv, describeChannelSettings } from './settings-from-env';
export { parsePairs } from './value-parsers';
