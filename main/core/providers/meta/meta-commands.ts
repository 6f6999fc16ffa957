import type { CallingSettingsView, MetaCommandResults, ParsedRequest } from '../../../../preload/contract';
import type { CallService } from '../../calls/call-service';
import { AppFailure } from '../../errors';
import type { LineManager } from '../../lines/line-manager';
import { parseDialedNumber } from '../../phone';
import type { PermissionService } from './permissions';

export interface MetaCommandContext {
  calls: CallService;
  lines: LineManager;
  permissions: PermissionService;
  /** Opens (once) the hidden line to the simulator's echo and names the number to call; throws when there is none. */
  audioTest: () => Promise<{ accountId: string; echoNumber: string }>;
}

type MetaHandlers = { [N in keyof MetaCommandResults]: (request: ParsedRequest<N>) => Promise<MetaCommandResults[N]> | MetaCommandResults[N] };

const dialable = (typed: string): string => {
  const number = parseDialedNumber(typed);
  if (!number) throw new AppFailure('PHONE_INVALID', `"${typed}" is not a phone number that can be called`, { reason: 'PHONE_INVALID' });
  return number;
};

const callingStatusOf = (accountId: string, body: unknown): CallingSettingsView => {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const calling = record.calling && typeof record.calling === 'object' ? (record.calling as Record<string, unknown>) : record;
  return { accountId, status: typeof calling.status === 'string' ? calling.status : 'UNKNOWN' };
};

/** The contract commands of META calling: dialing, the audio test, mute/hold, permissions, settings and the media protocol. */
export const metaCommandHandlers = (ctx: MetaCommandContext): MetaHandlers => {
  const client = (accountId: string) => {
    const line = ctx.lines.get(accountId);
    if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    return line.client;
  };
  const ok = { ok: true as const };
  return {
    'calls.dial': ({ accountId, to }) => ctx.calls.dial(accountId, dialable(to)),
    'calls.testAudio': async () => {
      const { accountId, echoNumber } = await ctx.audioTest();
      return ctx.calls.dial(accountId, echoNumber, { audioTest: true });
    },
    'calls.mute': ({ callId, muted }) => {
      ctx.calls.media.control(ctx.calls.tracked(callId), { muted });
      return ctx.calls.callView(callId);
    },
    'calls.hold': ({ callId, held }) => {
      ctx.calls.media.control(ctx.calls.tracked(callId), { held });
      return ctx.calls.callView(callId);
    },
    'permissions.check': ({ accountId, to }) => ctx.permissions.check(accountId, dialable(to)),
    'permissions.request': ({ accountId, to }) => ctx.permissions.request(accountId, dialable(to)),
    'calling.status': async ({ accountId }) => callingStatusOf(accountId, await client(accountId).getCallingSettings()),
    'calling.enable': async ({ accountId }) => {
      await client(accountId).updateCallingSettings({ status: 'ENABLED' });
      return callingStatusOf(accountId, await client(accountId).getCallingSettings());
    },
    'media.described': ({ callId, sdp }) => {
      ctx.calls.media.described(ctx.calls.tracked(callId), sdp);
      return ok;
    },
    'media.failed': ({ callId, code, message }) => {
      ctx.calls.media.failed(ctx.calls.tracked(callId), { code, message });
      return ok;
    },
    'media.stats': (report) => {
      const call = ctx.calls.trackedOrNone(report.callId);
      if (call) ctx.calls.media.stats(call, report);
      return ok;
    },
    'diagnostics.firstAudio': ({ callId, clickedAt, heardAt }) => {
      ctx.calls.media.firstAudio(ctx.calls.trackedOrNone(callId), callId, clickedAt, heardAt);
      return ok;
    },
  };
};
