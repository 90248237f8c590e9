/// <reference types="vite/client" />
import type { WindowApi } from '@shared/api/contract';

declare global {
  interface Window {
    /** present in the desktop app (preload); absent in the browser, where the HTTP client stands in */
    api?: WindowApi;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
