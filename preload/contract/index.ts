/**
 * The one contract between the renderer and the main side, shared by the
 * Electron host (IPC through the preload) and the browser host (a loopback
 * WebSocket). One file per domain keeps each command's request schema (checked
 * at run time on the main side: the renderer is not trusted), its result and
 * the views it returns together; `events.ts` names every event against its
 * payload type; `transport.ts` is how the two sides carry them.
 *
 * The renderer imports this folder only as `import type`, except
 * `constants.ts`, which holds no zod.
 */
export * from './constants';
export * from './result';
export * from './define';
export * from './app';
export * from './accounts';
export * from './calls';
export * from './media';
export * from './web-numbers';
export * from './meta-numbers';
export * from './history';
export * from './call-notes';
export * from './contacts';
export * from './demo';
export * from './diagnostics';
export * from './deployment';
export * from './team';
export * from './preferences';
export * from './availability';
export * from './recent';
export * from './click-to-call';
export * from './commands';
export * from './events';
export * from './transport';
