import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import type { CallView, EventName, EventPayloads, ExportProgress, HistoryPage, TeamFeedView, TeamLineView } from '../../preload/contract';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { systemClock } from '../../main/core/clock';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { silentLogger } from '../../main/core/logging/logger';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import { FileBacklogStore } from '../../main/core/team/backlog-file';
import { exportFolderDestination } from '../../main/runtime/export-folder';
import { runAgentsCommand } from '../../main/team-server/admin/agents-command';
import { poll, TeamFixture } from '../support/team-harness';
import { sharedTeamInfra } from '../support/team-infra-hooks';

let team: TeamFixture;
const infra = sharedTeamInfra(() => team);

/** One agent's app: the real core with its own settings, call log, keychain and team backlog folder. */
class AgentApp {
  readonly events: { name: EventName; payload: EventPayloads[EventName] }[] = [];
  readonly keychain = new MemoryCredentialStore();
  readonly phone: Softphone;

  constructor(readonly name: string) {
    const dir = join(team.dir.path, name);
    this.phone = new Softphone({
      host: 'browser',
      version: 'test',
      clock: systemClock,
      logger: silentLogger(),
      settings: new SettingsStore(join(dir, 'settings.json')),
      keychain: this.keychain,
      callLogDb: openCallLogDatabase(join(team.dir.path, `${name}-log.sqlite`)),
      notifier: new NoNativeNotifier(),
      emit: (event, payload) => this.events.push({ name: event, payload }),
      systemLocale: 'en_US.UTF-8',
      exportDestination: exportFolderDestination(join(dir, 'exports')),
      teamBacklog: (id) => new FileBacklogStore(join(dir, 'team', `${id}.json`), silentLogger()),
    });
    apps.push(this);
  }

  async command<T>(name: string, request: unknown): Promise<T> {
    const result = await this.phone.dispatch(name, request);
    if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { appError: result.error });
    return result.value as T;
  }

  async refused(name: string, request: unknown): Promise<{ code: string; details?: Record<string, unknown> }> {
    const result = await this.phone.dispatch(name, request);
    if (result.ok) throw new Error(`${name} was expected to fail`);
    return result.error;
  }

  /** Adds the team line as the form does and waits until the team server welcomed it. */
  async join(token: string, url: string): Promise<TeamLineView> {
    await this.phone.start();
    const added = await this.command<TeamLineView>('team.add', { serverUrl: url, token, label: 'Acme' });
    await poll(async () => this.team(), (v) => v?.state === 'ok' && v.numbers.length > 0, `${this.name} connected to the team`);
    return added;
  }

  team(): TeamLineView | undefined {
    return this.phone.teams.views()[0];
  }

  call(callId: string): CallView | undefined {
    return this.phone.calls.list().find((c) => c.id === callId);
  }

  waitCall(callId: string, check: (call: CallView | undefined) => boolean, what: string): Promise<CallView | undefined> {
    return poll(async () => this.call(callId), check, `${this.name}: ${what}`);
  }
}

const apps: AgentApp[] = [];
const stopApps = () => {
  for (const app of apps.splice(0)) app.phone.stop();
};

const startTeam = async (numbers: { id: string; provider: 'EVO_GO' | 'META' }[]) => {
  team = await new TeamFixture(infra).setup(numbers, { intervalMs: 100, activeIntervalMs: 50 });
  return team.start();
};

describe('team lines in the app', () => {
  it('both agents ring, one answers and the other reads who answered; Decline stops the ringing for that agent only; team numbers are not reconciled', async () => {
    const server = await startTeam([{ id: 'support', provider: 'EVO_GO' }]);
    const [ana, bruno, carla] = [new AgentApp('ana'), new AgentApp('bruno'), new AgentApp('carla')];
    const reconciles = vi.spyOn(ana.phone.history.reconciler, 'reconcile');
    await ana.join(await team.addAgent('Ana', ['support']), server.url);
    await bruno.join(await team.addAgent('Bruno', ['support']), server.url);
    await carla.join(await team.addAgent('Carla', ['support']), server.url);

    // The team number is a line of the app, named by the server, with no key of its own.
    const teamLineId = ana.team()!.id;
    expect(ana.phone.lines.views()).toEqual([expect.objectContaining({ id: `${teamLineId}/support`, label: 'Support', provider: 'EVO_GO', teamLineId })]);
    expect(ana.team()).toMatchObject({ state: 'ok', agent: { name: 'Ana', role: 'agent' }, numbers: [{ id: 'support', label: 'Support', accountId: `${teamLineId}/support` }] });

    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650001' });
    for (const app of [ana, bruno, carla]) await app.waitCall(call.id, (c) => c?.phase === 'ringing', 'the call rings');

    // Bruno declines: it stops ringing for him; the call rings on for the others and is not rejected.
    expect(await bruno.command<CallView>('calls.decline', { callId: call.id })).toMatchObject({ phase: 'ended', outcome: 'declined' });
    expect(team.sim.simulator.call(call.id)!.status).toBe('RINGING');
    expect(ana.call(call.id)?.phase).toBe('ringing');

    expect(await ana.command<CallView>('calls.answer', { callId: call.id })).toMatchObject({ phase: 'connected' });
    expect(team.sim.simulator.call(call.id)!.status).toBe('ACCEPTED');
    const elsewhere = await carla.waitCall(call.id, (c) => c?.answeredBy === 'Ana', 'the call shows who answered');
    expect(elsewhere).toMatchObject({ phase: 'ended', outcome: 'answered-elsewhere', answeredBy: 'Ana' });
    // On a team number only supervisors listen in: an agent's line does not offer it.
    expect(elsewhere!.features.listenIn).toBe(false);
    await bruno.waitCall(call.id, (c) => c?.answeredBy === 'Ana', 'who answered, after declining');
    expect(bruno.call(call.id)).toMatchObject({ outcome: 'declined' });

    // The team number came online: reconciliation left it alone (no call list asked of Pilot Status or the team server).
    expect(reconciles).toHaveBeenCalled();
    for (const result of reconciles.mock.results) await expect(result.value).resolves.toMatchObject({ pages: 0 });
    stopApps();
  });

  it('notes and disposition on a team call reach the team history once, with who answered; the Team source answers with filters, stats and CSV', async () => {
    const server = await startTeam([{ id: 'support', provider: 'EVO_GO' }]);
    const [ana, bruno] = [new AgentApp('ana'), new AgentApp('bruno')];
    await ana.join(await team.addAgent('Ana', ['support']), server.url);
    await bruno.join(await team.addAgent('Bruno', ['support']), server.url);
    const source = ana.team()!.id;
    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650002' });
    await ana.waitCall(call.id, (c) => c?.phase === 'ringing', 'rings');
    await ana.command('calls.answer', { callId: call.id });
    // Typed during the call (saved as typed): they reach the team history too.
    await ana.command('callNotes.save', { callId: call.id, notes: 'Ligou sobre o boleto', disposition: 'em andamento' });
    const pool = team.pool();
    const notesOf = async () => (await pool.query('SELECT notes, disposition FROM calls WHERE id = $1', [call.id])).rows;
    expect(await poll(notesOf, (r) => r[0]?.notes === 'Ligou sobre o boleto', 'the live notes in the team history')).toEqual([{ notes: 'Ligou sobre o boleto', disposition: 'em andamento' }]);
    team.sim.simulator.customerHangup(call.id);
    await ana.waitCall(call.id, (c) => c?.phase === 'ended', 'the call ends');

    // Written in this computer's history: saved here, and uploaded.
    await ana.command('history.annotate', { callId: call.id, notes: 'Quer segunda via do boleto', disposition: 'resolvido', tags: ['boleto'] });
    const rows = await poll(
      async () => (await pool.query('SELECT agent_name, notes, disposition, tags FROM calls WHERE id = $1', [call.id])).rows,
      (r) => r[0]?.notes === 'Quer segunda via do boleto',
      'the notes in the team history',
    );
    expect(rows).toEqual([{ agent_name: 'Ana', notes: 'Quer segunda via do boleto', disposition: 'resolvido', tags: '["boleto"]' }]);
    expect(ana.team()!.backlog).toBe(0);

    // Bruno reads it in the Team history: the same filters and search as his own history.
    const brunoSource = bruno.team()!.id;
    const page = await bruno.command<HistoryPage>('history.query', { source: brunoSource, filter: { text: 'segunda via', outcome: 'answered' } });
    expect(page.rows).toEqual([expect.objectContaining({ id: call.id, agentName: 'Ana', notes: 'Quer segunda via do boleto', disposition: 'resolvido', lineLabel: 'Support' })]);
    expect((await bruno.command<HistoryPage>('history.query', { source: brunoSource, filter: { outcome: 'missed' } })).rows).toEqual([]);
    expect(await bruno.command('history.stats', { source: brunoSource, filter: {} })).toMatchObject({ total: 1, answered: 1 });
    expect(await bruno.command('history.status', { source: brunoSource })).toEqual({ recovery: null, lines: [{ accountId: 'support', label: 'Support' }] });
    // His own computer never saw the call answered by him.
    expect((await bruno.command<HistoryPage>('history.query', { filter: { text: 'segunda via' } })).rows).toEqual([]);

    // Written in the Team view: at once, newest edit wins; Ana's own copy follows when it is hers.
    await ana.command('history.annotate', { source, callId: call.id, notes: 'Boleto enviado', disposition: 'resolvido', tags: ['boleto'], contactName: 'Maria' });
    expect(await bruno.command('history.get', { source: brunoSource, callId: call.id })).toMatchObject({ notes: 'Boleto enviado', contactName: 'Maria', agentName: 'Ana' });
    expect(await ana.command('history.get', { callId: call.id })).toMatchObject({ notes: 'Boleto enviado', contactName: 'Maria' });

    // CSV export of the Team history: the server's file, counted as it arrives.
    const started = await bruno.command<ExportProgress>('history.export', { source: brunoSource, filter: {} });
    const done = (await poll(
      async () => bruno.events.filter((e) => e.name === 'history.exportProgress').map((e) => e.payload as ExportProgress).find((p) => p.exportId === started.exportId && p.state !== 'running'),
      (p) => p !== undefined,
      'the export finishes',
    ))!;
    expect(done).toMatchObject({ state: 'done', written: 1, total: 1 });
    const records = parse(readFileSync(done.path, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ Agent: 'Ana', Notes: 'Boleto enviado' });
    stopApps();
  });

  it('a supervisor sees who is available, what rings and what is live, and listens in to a live call of a number they do not answer', async () => {
    const server = await startTeam([{ id: 'support', provider: 'EVO_GO' }, { id: 'sales', provider: 'EVO_GO' }]);
    const [ana, sue] = [new AgentApp('ana'), new AgentApp('sue')];
    await ana.join(await team.addAgent('Ana', ['support']), server.url);
    await sue.join(await team.addAgent('Sue', ['sales'], 'supervisor'), server.url);
    const sueLine = sue.team()!.id;
    expect(sue.team()!.agent).toEqual({ name: 'Sue', role: 'supervisor' });
    const feeds = () => sue.events.filter((e) => e.name === 'team.feed').map((e) => e.payload as TeamFeedView);
    await poll(async () => feeds().at(-1), (f) => f?.agents.some((a) => a.name === 'Ana' && a.status === 'available') ?? false, 'the feed shows Ana available');

    const call = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650003' });
    await poll(async () => feeds().at(-1), (f) => f?.ringing.some((c) => c.callId === call.id) ?? false, 'the feed shows the call ringing');
    await ana.waitCall(call.id, (c) => c?.phase === 'ringing', 'rings');
    await ana.command('calls.answer', { callId: call.id });
    const feed = (await poll(async () => feeds().at(-1), (f) => f?.live.some((c) => c.callId === call.id) ?? false, 'the feed shows the call live'))!;
    expect(feed.live.find((c) => c.callId === call.id)).toMatchObject({ number: 'support', numberLabel: 'Support', peerNumber: '+5511987650003', answeredBy: 'Ana', provider: 'EVO_GO', listenable: true });
    expect(feed.agents.find((a) => a.name === 'Ana')).toMatchObject({ status: 'on-call', callId: call.id });

    // Agents may not: the team server refuses them.
    expect(await ana.refused('team.feed', { id: ana.team()!.id })).toMatchObject({ code: 'SUPERVISORS_ONLY' });
    expect(await ana.refused('team.watch', { id: ana.team()!.id, number: 'support', callId: call.id })).toMatchObject({ code: 'SUPERVISORS_ONLY' });

    const watched = await sue.command<CallView>('team.watch', { id: sueLine, number: 'support', callId: call.id });
    expect(watched).toMatchObject({ id: call.id, listenable: true, answeredBy: 'Ana', lineLabel: 'Support', features: expect.objectContaining({ listenIn: true }) });
    // The number Sue does not answer is not offered as one of her lines.
    expect(sue.phone.lines.views().map((l) => l.label)).toEqual(['Sales']);
    expect(await sue.command<CallView>('calls.listen', { callId: call.id })).toMatchObject({ media: { pcm: { mode: 'listen' } } });
    await sue.waitCall(call.id, (c) => c?.media.pcm?.link === 'live', 'the listen-in audio flows');

    team.sim.simulator.customerHangup(call.id);
    await sue.waitCall(call.id, (c) => !c?.media.pcm && !c?.listenable, 'listening stops when the call leaves the live calls');
    expect(await sue.refused('team.watch', { id: sueLine, number: 'support', callId: call.id })).toMatchObject({ code: 'CALL_NOT_LIVE' });

    // Presence comes from the app: Ana's availability as she sets it (Available until then).
    await ana.command('availability.set', { status: 'dnd' });
    await poll(async () => feeds().at(-1), (f) => f?.agents.find((a) => a.name === 'Ana')?.status === 'dnd', 'the feed shows Ana on do not disturb');
    const next = team.sim.simulator.incomingCall({ numberId: team.simNumber('support').id, from: '+5511987650004' });
    await poll(async () => feeds().at(-1), (f) => f?.ringing.some((c) => c.callId === next.id) ?? false, 'the next call rings');
    expect(ana.call(next.id)).toBeUndefined();
    stopApps();
  });

  it('a revoked agent token is refused at once, saying so; a new token brings the line back', async () => {
    const server = await startTeam([{ id: 'support', provider: 'EVO_GO' }]);
    const ana = new AgentApp('ana');
    const token = await team.addAgent('Ana', ['support']);
    await ana.join(token, server.url);
    const id = ana.team()!.id;

    await runAgentsCommand({ kind: 'agents-revoke', config: team.configFile, agent: 'Ana', json: false }, team.config());
    const refused = (await poll(async () => ana.team(), (v) => v?.state === 'unauthorized', 'the token refused'))!;
    expect(refused.error).toMatchObject({ code: 'TEAM_TOKEN_REFUSED' });
    expect(ana.phone.lines.connections()).toEqual([expect.objectContaining({ accountId: `${id}/support`, state: 'unauthorized' })]);
    expect(ana.events.filter((e) => e.name === 'team.changed').map((e) => (e.payload as TeamLineView[])[0]?.state)).toContain('unauthorized');

    // The token is in the keychain only: not in the settings file, not in any view the window gets.
    const settings = readFileSync(join(team.dir.path, 'ana', 'settings.json'), 'utf8');
    expect(settings).toContain(server.url);
    expect(settings).not.toContain(token);
    expect(JSON.stringify(ana.events)).not.toContain(token.slice(4));
    expect(await ana.keychain.get(id)).toBe(token);

    const fresh = await team.addAgent('Ana Souza', ['support']);
    await ana.command('team.update', { id, token: fresh });
    await poll(async () => ana.team(), (v) => v?.state === 'ok' && v.agent?.name === 'Ana Souza', 'back with the new token');
    expect(ana.phone.lines.connections()).toEqual([expect.objectContaining({ state: 'ok' })]);

    await ana.command('team.remove', { id });
    expect(ana.phone.lines.views()).toEqual([]);
    expect(await ana.keychain.get(id)).toBeNull();
    stopApps();
  });

  it('refuses addresses that would send the token in the clear, and malformed tokens, before anything is saved', async () => {
    team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
    const ana = new AgentApp('ana');
    await ana.phone.start();
    const token = await team.addAgent('Ana', ['support']);
    const reasonOf = async (request: unknown) => (await ana.refused('team.add', request)).details?.reason;
    expect(await reasonOf({ serverUrl: 'http://team.example.com', token })).toBe('TEAM_URL_INSECURE');
    expect(await reasonOf({ serverUrl: 'ws://10.0.0.5:8443', token })).toBe('TEAM_URL_INSECURE');
    expect(await reasonOf({ serverUrl: 'ftp://team.example.com', token })).toBe('TEAM_URL_FORMAT');
    expect(await reasonOf({ serverUrl: 'https://ana:secret@team.example.com', token })).toBe('TEAM_URL_FORMAT');
    expect(await reasonOf({ serverUrl: 'team.example.com', token })).toBe('TEAM_URL_FORMAT');
    expect(await reasonOf({ serverUrl: 'https://team.example.com', token: 'ps_notATeamToken' })).toBe('TEAM_TOKEN_FORMAT');
    expect(ana.phone.teams.views()).toEqual([]);

    // A keychain that cannot save: nothing is kept.
    vi.spyOn(ana.keychain, 'set').mockRejectedValueOnce(Object.assign(new Error('locked'), { code: 'KEYCHAIN_UNAVAILABLE' }));
    await expect(ana.command('team.add', { serverUrl: 'https://team.example.com:8443', token })).rejects.toThrow();
    expect(ana.phone.teams.views()).toEqual([]);
    // Loopback may be plain http (a server on this machine, as in tests).
    expect(await ana.command<TeamLineView>('team.add', { serverUrl: 'http://127.0.0.1:9', token })).toMatchObject({ label: '127.0.0.1:9', serverUrl: 'http://127.0.0.1:9' });
    stopApps();
  });
});
