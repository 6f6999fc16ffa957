import type { Provider } from '../../../preload/contract';

/**
 * The words the window uses for each number type (translation keys). The one
 * place in the renderer that names providers: everything else reads a line's
 * or call's features and media kind.
 */
export const providerLabels: Record<Provider, { tag: string; type: string; dialNote: string }> = {
  META: { tag: 'calls.metaNumber', type: 'lines.typeMeta', dialNote: 'dialer.billing' },
  EVO_GO: { tag: 'calls.webNumber', type: 'lines.typeWeb', dialNote: 'dialer.webNote' },
};

/** Demo mode's "simulate a call" buttons, web number first (the demo's own line). */
export const demoCallButtons: readonly { provider: Provider; label: string }[] = [
  { provider: 'EVO_GO', label: 'demo.simulateWebCall' },
  { provider: 'META', label: 'demo.simulateMetaCall' },
];
