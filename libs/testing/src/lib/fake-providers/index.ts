export * from './fake-server';
export * from './fake-whatsapp';
export * from './fake-meta-messaging';
export * from './fake-twilio';
export * from './fake-infobip';
export * from './fake-telegram';
export * from './recording-server';
