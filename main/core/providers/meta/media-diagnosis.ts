import type { AppError, MediaStatsReport } from '../../../../preload/contract';

/** WhatsApp ends a call whose media never started after about this long (contract §5). */
export const whatsappCutOffMs = 20_000;

/**
 * Why media has not started, from the last report the renderer sent: the
 * sentence the agent reads names the step that is stuck (network path,
 * encrypted session, or audio itself) while there is still time to act.
 */
export const diagnoseMediaNotStarted = (stats: MediaStatsReport | null, msSinceConnect: number): AppError => {
  const details = {
    ice: stats?.ice ?? 'unknown',
    dtls: stats?.dtls ?? 'unknown',
    secondsLeft: Math.max(0, Math.round((whatsappCutOffMs - msSinceConnect) / 1000)),
  };
  if (!stats) return { code: 'MEDIA_NOT_REPORTING', message: 'The window has not reported on the call audio since the call connected', details };
  if (stats.ice === 'failed' || stats.ice === 'disconnected' || stats.ice === 'closed') {
    return { code: 'MEDIA_ICE_FAILED', message: `No network path to WhatsApp's media server (ICE ${stats.ice})`, details };
  }
  if (stats.ice === 'new' || stats.ice === 'checking') {
    return { code: 'MEDIA_ICE_CHECKING', message: `Still looking for a network path to WhatsApp's media server (ICE ${stats.ice})`, details };
  }
  if (stats.dtls !== 'connected') {
    return { code: 'MEDIA_DTLS_FAILED', message: `The network path works but the encrypted audio session did not start (DTLS ${stats.dtls})`, details };
  }
  return { code: 'MEDIA_NO_AUDIO', message: 'Connected to the media server, but no audio arrives', details };
};
