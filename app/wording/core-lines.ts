/**
 * The system lines the core words itself, beside the OTR ones (otr-lines.ts):
 * presence requests answered, deliveries that failed, rooms joined and left.
 * All user-facing sentences of the core live in app/wording/, so that they can
 * be reviewed, and later translated, in one place.
 */
import type { SubscriptionEvent } from '../../protocols/adapter';
import type { LineNote } from './otr-lines';

const SUBSCRIPTION = {
  approved: 'accepted your request to see their presence',
  denied: 'declined your request to see their presence',
  removed: 'no longer shares their presence with you',
} as const;

export const subscriptionAnswered = (peer: string, kind: Exclude<SubscriptionEvent['kind'], 'request'>): LineNote => ({
  level: 'info',
  text: `${peer} ${SUBSCRIPTION[kind]}.`,
});

export const undelivered = (peer: string, reason: string): LineNote => ({
  level: 'error',
  text: `A message to ${peer} could not be delivered: ${reason}`,
});

export const startingOtr = (peer: string): LineNote => ({
  level: 'info',
  text: `Attempting to start a private conversation with ${peer}…`,
});

export const groupJoined = (room: string): LineNote => ({
  level: 'info',
  text: `You joined ${room}. Group chats are not private: OTR protects one-to-one conversations only.`,
});

export const groupLeft = (room: string): LineNote => ({ level: 'info', text: `You left ${room}.` });

/** For the error event: the message itself is never repeated where it could be logged. */
export const unprocessable = (peer: string): string => `A message from ${peer} could not be processed.`;
