import { io, type Socket } from 'socket.io-client';
import type { ComplaintChanged } from './api-types';

/**
 * complaint.changed from the /desk namespace, with the agent's token. A core without the
 * namespace refuses the connection; the desk then simply works without live updates.
 */
export function listenForChanges(token: string, onChange: (change: ComplaintChanged) => void, onConnected: (connected: boolean) => void): () => void {
  const socket: Socket = io('/desk', { auth: { token }, transports: ['websocket'], reconnectionAttempts: 10 });
  socket.on('connect', () => onConnected(true));
  socket.on('disconnect', () => onConnected(false));
  socket.on('connect_error', () => onConnected(false));
  socket.on('complaint.changed', (change: ComplaintChanged) => onChange(change));
  return () => {
    socket.close();
  };
}
