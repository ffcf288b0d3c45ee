import { Logger } from '@nestjs/common';
import { type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Clock } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { mayWorkOn } from '../agent-api/complaint-access';
import { AgentTokens } from '../auth/agent-tokens';
import { toSignedInAgent } from '../auth/agent-view';
import { AgentsRepository } from '../auth/agents.repository';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import type { DeskChangeReason } from './desk-change';

/** What the desk is told: enough to update a row of the inbox, or to know to read the complaint again. */
export interface ComplaintChangedV1 {
  complaintId: string;
  reference: string;
  state: string;
  assigneeId: string | null;
  why: DeskChangeReason;
}

interface DeskSocketData {
  agent: SignedInAgent;
  /** Closes the connection when the token it was opened with expires. */
  expiry: NodeJS.Timeout;
}

/**
 * Live updates for the desk (socket.io namespace /desk, in the process that runs core). A
 * connection opens only with a valid bearer token in `auth: { token }` and lasts until that
 * token expires; the desk reconnects with the renewed one. Each connected agent is told of the
 * changes to complaints they may see (complaint-access.ts): emitted to this process's sockets
 * only, since every core process hears every change itself (DeskLiveFeed).
 */
@WebSocketGateway({ namespace: '/desk' })
export class DeskLiveGateway implements OnGatewayInit {
  private readonly logger = new Logger(DeskLiveGateway.name);
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly tokens: AgentTokens,
    private readonly agents: AgentsRepository,
    private readonly clock: Clock,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.admit(socket).then(
        (admitted) => next(admitted ? undefined : new Error('unauthorized')),
        (error: unknown) => {
          this.logger.error(`desk connection not checked: ${String(error)}`);
          next(new Error('unavailable'));
        },
      );
    });
  }

  /** Tells every agent connected here who may see the complaint that it changed. */
  tell(complaint: ComplaintEntity, why: DeskChangeReason): void {
    const change: ComplaintChangedV1 = { complaintId: complaint.id, reference: complaint.reference, state: complaint.state, assigneeId: complaint.assigneeId, why };
    for (const socket of this.server.sockets.values()) {
      const data = socket.data as Partial<DeskSocketData>;
      if (data.agent && mayWorkOn(data.agent, complaint)) socket.emit('complaint.changed', change);
    }
  }

  /** The token's agent, still active, goes on the socket; anything else is refused. */
  private async admit(socket: Socket): Promise<boolean> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string') return false;
    const claims = await this.tokens.verify(token);
    const agent = claims ? await this.agents.findById(claims.sub) : null;
    if (!claims || !agent?.active) return false;
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(0, claims.exp * 1000 - this.clock.now().getTime()));
    expiry.unref();
    socket.once('disconnect', () => clearTimeout(expiry));
    const data: DeskSocketData = { agent: toSignedInAgent(agent), expiry };
    socket.data = data;
    return true;
  }
}
