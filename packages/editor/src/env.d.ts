/// <reference types="vite/client" />

/** Monaco's messages in Danish by message number (vite.shared.ts, monacoDanish). */
declare module 'virtual:visit-monaco-da' {
  const table: Readonly<Record<number, string>>;
  export default table;
}
