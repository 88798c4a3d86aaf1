/**
 * The part of irc-framework 4.x (which ships no types) that the IRC adapter
 * uses. Event payloads are left `unknown`: they are built from network input,
 * so session.ts and session-traffic.ts read every field they need with a type
 * check.
 */
declare module 'irc-framework' {
  interface IrcNetwork {
    /** RPL_ISUPPORT tokens, upper-case keys. */
    options: Record<string, unknown>;
    isChannelName(name: string): boolean;
    cap: { isEnabled(cap: string): boolean; enabled: string[] };
  }

  interface Client {
    readonly network: IrcNetwork;
    readonly user: { nick: string };
    readonly connected: boolean;
    readonly connection: { end(data?: string, hadError?: boolean): void };
    connect(options?: Record<string, unknown>): void;
    on(event: string, listener: (event: unknown) => void): this;
    removeAllListeners(event?: string): this;
    raw(line: string): void;
    quit(message?: string): void;
    changeNick(nick: string): void;
    /** Compares nicks or channel names under the server's CASEMAPPING. */
    caseCompare(a: string, b: string): boolean;
  }

  const irc: { Client: new (options?: Record<string, unknown>) => Client };
  export default irc;
}
