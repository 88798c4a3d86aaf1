/**
 * The typed emitter lives in common/ with what both adapters share; app/
 * (app/keys/key-generation.ts, app/test-support/fake-adapter.ts) imports it
 * from here. Once those imports name common/typed-emitter, this file goes.
 */
export { TypedEmitter } from './common/typed-emitter';
