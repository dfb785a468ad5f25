/** Stand-in for @kit.NetworkKit: `http` and `webSocket` on the model in ../net. */
import { createHttp, HttpDataType, RequestMethod } from '../net/http';
import { createWebSocket } from '../net/web-socket';

export const http = { RequestMethod, HttpDataType, createHttp };
export const webSocket = { createWebSocket };
