import { cpus, freemem, release, totalmem, type as osType, uptime, version as osVersion } from 'node:os';

/** Versions and OS facts support asks for first. */
export const systemFacts = (app: { version: string; host: 'electron' | 'browser'; installKind: string }): Record<string, unknown> => ({
  app: { name: 'Pilot Softphone', version: app.version, host: app.host, installKind: app.installKind },
  runtime: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null, v8: process.versions.v8 },
  os: { platform: process.platform, arch: process.arch, type: osType(), release: release(), version: osVersion(), uptimeSeconds: Math.round(uptime()) },
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMiB: Math.round(totalmem() / 2 ** 20), freeMemoryMiB: Math.round(freemem() / 2 ** 20) },
  locale: { intl: Intl.DateTimeFormat().resolvedOptions().locale, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, lang: process.env.LANG ?? null },
});
