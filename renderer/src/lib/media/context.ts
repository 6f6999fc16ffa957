import { getContext, setContext } from 'svelte';
import type { DeviceState } from './devices.svelte';
import type { MediaController } from './media-controller.svelte';

export interface MediaContext {
  controller: MediaController;
  devices: DeviceState;
}

const key = Symbol('media');

/** Given once by the app, so call cards reach the media without threading it through every component. */
export const provideMedia = (context: MediaContext): void => {
  setContext(key, context);
};

export const useMedia = (): MediaContext | undefined => getContext<MediaContext | undefined>(key);
