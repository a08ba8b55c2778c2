/**
 * The four kinds of message between a UI (client) and the lab host, on any transport:
 *   { kind: 'request',  id, method, params }      client → host
 *   { kind: 'response', id, result }               host → client, answers one request
 *   { kind: 'error',    id, error: {code, message} } host → client, a request that failed
 *   { kind: 'event',    name, data }               host → client, unasked (run status, batches, frames)
 * `id` is the client's number for the request. Typed arrays (Float64Array, Float32Array, Uint8Array)
 * travel as binary everywhere: structured clone on a MessagePort, attachments on a WebSocket (codec.ts).
 */
export interface RequestMessage {
  kind: 'request';
  id: number;
  method: string;
  params?: unknown;
}
export interface ResponseMessage {
  kind: 'response';
  id: number;
  result: unknown;
}
export interface ErrorMessage {
  kind: 'error';
  /** null when the message that failed had no usable id (it was malformed) */
  id: number | null;
  error: { code: ProtocolErrorCode | string; message: string; position?: number };
}
export interface EventMessage {
  kind: 'event';
  name: string;
  data: unknown;
}
export type Message = RequestMessage | ResponseMessage | ErrorMessage | EventMessage;

/**
 * The protocol's own error codes; a request can also fail with any LabError code of the engine or the
 * store (INVALID_CONFIG for a bad lab config, RUN_STATE, BUNDLE_FORMAT, …).
 *   BAD_MESSAGE     not a message at all (not decodable, no kind, no numeric id)
 *   UNKNOWN_METHOD  no such method
 *   INVALID_PARAMS  the params do not fit the method's schema (the message names the field)
 *   UNKNOWN_RUN     no run with that id
 *   UNAUTHORIZED    (HTTP / WebSocket) the token is missing or wrong
 */
export type ProtocolErrorCode = 'BAD_MESSAGE' | 'UNKNOWN_METHOD' | 'INVALID_PARAMS' | 'UNKNOWN_RUN' | 'UNAUTHORIZED' | 'INTERNAL';
