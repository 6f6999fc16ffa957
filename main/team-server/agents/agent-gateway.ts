import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../core/logging/logger';
import { teamSocketPath, teamSocketProtocol } from '../../core/team/protocol';
import { bearerToken } from '../http/http-io';
import { AgentSession, type AgentSessionDeps } from './agent-session';
import type { AgentStore } from './agent-store';

export interface AgentGatewayDeps extends Omit<AgentSessionDeps, 'agents'> {
  agents: Pick<AgentStore, 'authenticate' | 'isActive'>;
  logger: Logger;
}

const refuse = (socket: Duplex, status: number, text: string): void => {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
};

/**
 * Agents' sockets: `GET /v1/agent` upgraded to a WebSocket speaking
 * `pilot-team.v1`, with the agent's token as a bearer token. A token that
 * is malformed, unknown or revoked is refused before the upgrade (401).
 */
export const createAgentGateway = (deps: AgentGatewayDeps) => {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 256 * 1024,
    handleProtocols: (protocols) => (protocols.has(teamSocketProtocol) ? teamSocketProtocol : false),
  });
  return {
    /** Handles an upgrade for the agent path; false when the path is not ours. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const path = new URL(request.url ?? '/', 'http://team').pathname;
      if (path !== teamSocketPath) return false;
      const offered = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (!offered.includes(teamSocketProtocol)) {
        refuse(socket, 400, `Bad Request: subprotocol ${teamSocketProtocol} required`);
        return true;
      }
      deps.agents
        .authenticate(bearerToken(request))
        .then((agent) => {
          if (!agent) return refuse(socket, 401, 'Unauthorized');
          wss.handleUpgrade(request, socket, head, (ws) => new AgentSession(ws, agent, deps));
        })
        .catch((error: unknown) => {
          deps.logger.error({ err: error }, 'agent could not be authenticated');
          refuse(socket, 503, 'Service Unavailable');
        });
      return true;
    },
    close(): void {
      wss.close();
    },
  };
};
