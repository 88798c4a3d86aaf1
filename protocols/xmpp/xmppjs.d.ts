/**
 * Types for the parts of xmpp.js 0.14 the adapter composes (the packages ship
 * JavaScript only). Only what we call is declared, as xmpp.js defines it in
 * node_modules/@xmpp/*; none of these types leave protocols/xmpp/.
 */

declare module '@xmpp/xml' {
  export type Child = Element | string | undefined | null | false;

  /** An ltx element: the parsed form of every stanza and nonza. */
  export class Element {
    constructor(name: string, attrs?: Record<string, string>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getText(): string;
    text(): string;
    append(...nodes: Array<Element | string>): void;
    toString(): string;
  }

  export function xml(
    name: string,
    attrs?: Record<string, string | number | undefined> | null,
    ...children: Array<Child | Child[]>
  ): Element;
  export default xml;
}

declare module '@xmpp/connection' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';

  /** The socket interface xmpp.js drives: net.Socket, or our TLS wrapper. */
  export interface XmppSocket extends EventEmitter {
    secure?: boolean;
    connect(params: unknown): void;
    end(): void;
    write(data: string, cb: (err?: Error | null) => void): void;
  }

  export default class Connection extends EventEmitter {
    constructor(options: Record<string, unknown>);
    jid: { toString(): string; bare(): { toString(): string }; resource?: string } | null;
    status: string;
    socket: XmppSocket | null;
    options: Record<string, unknown> & { domain?: string; service?: string; lang?: string };
    timeout: number;
    isSecure(): boolean;
    connect(service: string): Promise<void>;
    open(options: { domain?: string; lang?: string }): Promise<unknown>;
    restart(): Promise<unknown>;
    disconnect(): Promise<unknown>;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    sendReceive(element: Element, timeout?: number): Promise<Element>;
    write(data: string): Promise<void>;
    _onData(data: Buffer | string): void;
    _onElement(element: Element): void;
    _attachSocket(socket: XmppSocket): void;
    _attachParser(parser: unknown): void;
    _status(status: string, ...args: unknown[]): void;
    _detachSocket(): void;
    _streamError(condition: string, children?: Element[]): Promise<unknown>;
    parser: { write(data: string): void } | null;
  }
}

declare module '@xmpp/client-core' {
  import Connection from '@xmpp/connection';
  export class Client extends Connection {
    transports: unknown[];
    /** What the chosen transport's socket is connected with (net.connect options for TCP). */
    socketParameters(service: string): Record<string, unknown> | undefined;
  }
}

declare module '@xmpp/tcp/lib/Connection.js' {
  import Connection from '@xmpp/connection';
  export default class ConnectionTCP extends Connection {
    socketParameters(service: string): { port: number | null; host: string } | undefined;
  }
}

declare module '@xmpp/middleware' {
  import type { Element } from '@xmpp/xml';
  import type Connection from '@xmpp/connection';
  export interface Context {
    stanza: Element;
    entity: Connection;
    name: string;
    type: string;
    id: string;
    element?: Element;
  }
  export type Middleware = (ctx: Context, next: () => Promise<unknown>) => unknown;
  export interface MiddlewareApi {
    use(fn: Middleware): Middleware;
    filter(fn: Middleware): Middleware;
  }
  export default function middleware(deps: { entity: Connection }): MiddlewareApi;
}

declare module '@xmpp/stream-features' {
  import type { Element } from '@xmpp/xml';
  import type { Context, MiddlewareApi } from '@xmpp/middleware';
  export interface StreamFeatures {
    use(
      name: string,
      xmlns: string,
      handler: (ctx: Context, next: () => Promise<unknown>, feature: Element) => unknown,
    ): void;
  }
  export default function streamFeatures(deps: { middleware: MiddlewareApi }): StreamFeatures;
}

declare module '@xmpp/iq/caller.js' {
  import type { Element } from '@xmpp/xml';
  import type Connection from '@xmpp/connection';
  import type { MiddlewareApi } from '@xmpp/middleware';
  export interface IqCaller {
    request(stanza: Element, timeout?: number): Promise<Element>;
    get(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
    set(element: Element, to?: string, timeout?: number): Promise<Element | undefined>;
  }
  export default function iqCaller(deps: { middleware: MiddlewareApi; entity: Connection }): IqCaller;
}

declare module '@xmpp/iq/callee.js' {
  import type { Element } from '@xmpp/xml';
  import type Connection from '@xmpp/connection';
  import type { Context, MiddlewareApi } from '@xmpp/middleware';
  export type IqHandler = (
    ctx: Context & { element: Element },
    next: () => Promise<unknown>,
  ) => Element | Record<string, never> | undefined | Promise<Element | Record<string, never> | undefined>;
  export interface IqCallee {
    get(ns: string, name: string, handler: IqHandler): void;
    set(ns: string, name: string, handler: IqHandler): void;
  }
  export default function iqCallee(deps: { middleware: MiddlewareApi; entity: Connection }): IqCallee;
}

declare module '@xmpp/sasl' {
  import type Connection from '@xmpp/connection';
  import type { StreamFeatures } from '@xmpp/stream-features';
  /** The saslmechanisms factory interface @xmpp/sasl reads. */
  export interface SaslFactory {
    _mechs: Array<{ name: string }>;
    create(names: string[]): SaslMechanism | null;
  }
  export interface SaslMechanism {
    readonly name: string;
    readonly clientFirst: boolean;
    response(credentials: Record<string, unknown>): string | Promise<string>;
    challenge(challenge: string): unknown;
  }
  export type OnAuthenticate = (
    authenticate: (credentials: Record<string, unknown>, mechanism: string) => Promise<void>,
    mechanisms: string[],
    fast: null,
    entity: Connection,
  ) => Promise<void>;
  export default function sasl(
    deps: { streamFeatures: StreamFeatures; saslFactory: SaslFactory },
    onAuthenticate: OnAuthenticate,
  ): void;
}

declare module '@xmpp/resource-binding' {
  import type { IqCaller } from '@xmpp/iq/caller.js';
  import type { StreamFeatures } from '@xmpp/stream-features';
  export default function resourceBinding(
    deps: { iqCaller: IqCaller; streamFeatures: StreamFeatures },
    resource: string,
  ): void;
}

declare module '@xmpp/stream-management' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type Connection from '@xmpp/connection';
  import type { MiddlewareApi } from '@xmpp/middleware';
  import type { StreamFeatures } from '@xmpp/stream-features';
  export interface StreamManagement extends EventEmitter {
    enabled: boolean;
    id: string;
    outbound_q: Array<{ stanza: Element; stamp: string }>;
    timeout: number;
    requestAckInterval: number;
  }
  export default function streamManagement(deps: {
    streamFeatures: StreamFeatures;
    entity: Connection;
    middleware: MiddlewareApi;
  }): StreamManagement;
}

declare module '@xmpp/xml/lib/parse.js' {
  import type { Element } from '@xmpp/xml';
  export default function parse(text: string): Element;
}
