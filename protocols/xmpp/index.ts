/** The XMPP adapter: what the app core imports from protocols/xmpp/. */
export { createXmppAdapter } from './xmpp-adapter';
export type { TlsMode, XmppAdapterOptions } from './options';
