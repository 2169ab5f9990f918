// TypeScript resolves comlink's node adapter by its .d.ts; Node loads the .mjs at run time.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
