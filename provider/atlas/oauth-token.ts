import axios from "axios";
import type { TokenGrant } from "./auth";
import { atlasErrorFromNetwork, atlasErrorFromResponse, type AtlasApiError } from "./errors";
import { retryAfterMsOf, type TransportSettings } from "./transport";
import { retry, type AttemptResult } from "../retry/retry";

const TOKEN_PATH = "/api/oauth/token";
const TRANSIENT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/**
 * Fetches a service-account token (`POST {base}/api/oauth/token`, client credentials, HTTP Basic). The endpoint
 * allows about ten calls a minute per client, so the caller caches tokens; 429 and 5xx are retried like API calls.
 */
export function fetchServiceAccountToken(
  clientId: string,
  clientSecret: string,
  settings: TransportSettings,
): Promise<TokenGrant> {
  return retry(() => requestToken(clientId, clientSecret, settings), settings.retry, settings.clock);
}

async function requestToken(
  clientId: string,
  clientSecret: string,
  settings: TransportSettings,
): Promise<AttemptResult<TokenGrant, AtlasApiError>> {
  const description = { method: "POST", path: TOKEN_PATH };
  let status: number;
  let text: string;
  let retryAfterHeader: unknown;
  try {
    const response = await axios.post<string>(`${settings.baseUrl}${TOKEN_PATH}`, "grant_type=client_credentials", {
      timeout: settings.timeoutMs,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
        "User-Agent": settings.userAgent,
      },
    });
    ({ status, data: text } = response);
    retryAfterHeader = response.headers["retry-after"];
  } catch (thrown) {
    const code = (thrown as { code?: unknown }).code;
    const error = atlasErrorFromNetwork(description, typeof code === "string" ? code : "ECONNRESET", {
      ambiguous: false,
    });
    return { ok: false, error, retryable: true };
  }
  const body = parseObject(text);
  const accessToken = body?.["access_token"];
  if (status === 200 && typeof accessToken === "string") {
    const expiresInS = Number(body?.["expires_in"]);
    return { ok: true, value: { accessToken, expiresInS: Number.isFinite(expiresInS) ? expiresInS : 3600 } };
  }
  const retryAfterMs = retryAfterMsOf(
    typeof retryAfterHeader === "string" ? retryAfterHeader : undefined,
    settings.clock.now(),
  );
  // OAuth errors say `{"error": "invalid_client", "error_description": …}`; Atlas errors use errorCode/detail.
  const oauthError = typeof body?.["error"] === "string" ? body["error"] : undefined;
  const oauthDetail = typeof body?.["error_description"] === "string" ? body["error_description"] : undefined;
  const error = atlasErrorFromResponse(description, {
    status,
    body: { ...body, errorCode: body?.["errorCode"] ?? oauthError, detail: body?.["detail"] ?? oauthDetail },
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
  return { ok: false, error, retryable: TRANSIENT_STATUSES.includes(status), retryAfterMs };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
