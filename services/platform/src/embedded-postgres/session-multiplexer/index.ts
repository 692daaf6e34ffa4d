// PGlite's one backend shared between many client connections (docs/adr/0020, 0024).
export { SessionMultiplexer, type SessionMultiplexerOptions } from './session-multiplexer';
