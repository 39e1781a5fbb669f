import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { Authenticator, AuthorizationHold } from "./auth";
import { atlasErrorFromNetwork, atlasErrorFromResponse, type AtlasApiError } from "./errors";
import type { ResolvedRetryOptions } from "../retry/backoff";
import { RequestBudget, type BudgetObservation } from "../retry/request-budget";
import { retry, type AttemptResult, type RetryClock } from "../retry/retry";

/** One HTTP call as the transport sees it. */
export interface TransportRequest {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query, starting with `/`. */
  readonly uri: string;
  readonly body?: unknown;
  /** The project the call is billed to, for the shared rate-limit pause. */
  readonly projectId?: string;
  /** Media type for `Accept` and `Content-Type`. */
  readonly mediaType: string;
}

/** A successful answer. */
export interface TransportResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Limits of one call beyond the per-call retry options. */
export interface CallLimits {
  /**
   * Clock time (ms) by which the operation the call belongs to must end (its `timeouts.*`). Rate-limit refusals are
   * waited out until then instead of counting against the per-call attempts and time budget; without it they count.
   */
  readonly deadlineAtMs?: number;
}

/** Transport settings, resolved. */
export interface TransportSettings {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly retry: ResolvedRetryOptions;
  readonly clock: RetryClock;
}

// Plain arrays, not Sets or Maps, at module level: a provider copied by value into state must keep working.
const TRANSIENT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];
/** Network failures worth another try. Only `ECONNREFUSED` proves the server never saw the request. */
const TRANSIENT_NETWORK_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EPIPE",
  "EAI_AGAIN",
];
const NOT_SEEN_NETWORK_CODES: readonly string[] = ["ECONNREFUSED", "EAI_AGAIN"];

/**
 * Sends Atlas calls over axios: signs them, answers auth challenges, retries transient failures (429 and 5xx,
 * refused/reset/timed-out connections) with backoff, and never retries a write Atlas may already have carried out.
 * While a project is rate limited, every call for that project waits out the same `Retry-After` and then goes out
 * at the pace the project's limit allows, so concurrent waits share the project's budget instead of each hammering it.
 */
export class AtlasTransport {
  private readonly http: AxiosInstance;
  private readonly budgets = new Map<string, RequestBudget>();

  constructor(
    private readonly settings: TransportSettings,
    private readonly authenticator: Authenticator,
  ) {
    this.http = axios.create({
      baseURL: settings.baseUrl,
      timeout: settings.timeoutMs,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { "User-Agent": settings.userAgent },
    });
  }

  /**
   * Sends one logical call, with retries; resolves with a 2xx answer or rejects with an {@link AtlasApiError}.
   * `build`, when given, makes the request each time the project's budget lets an attempt go, so what is asked can
   * depend on who is waiting by then (see {@link isHolding}); its `projectId` must be `projectId`. `limits` say until
   * when rate-limit refusals are waited out.
   */
  send(request: TransportRequest, limits?: CallLimits): Promise<TransportResponse>;
  send(projectId: string, build: () => TransportRequest, limits?: CallLimits): Promise<TransportResponse>;
  send(
    first: TransportRequest | string,
    second?: (() => TransportRequest) | CallLimits,
    third?: CallLimits,
  ): Promise<TransportResponse> {
    const build = typeof second === "function" ? second : undefined;
    const limits = (typeof second === "function" ? third : second) ?? {};
    const projectId = typeof first === "string" ? first : first.projectId;
    const requestNow = (): TransportRequest => (typeof first === "string" ? (build?.() ?? missingBuild()) : first);
    const { clock } = this.settings;
    return retry(
      async () => {
        const budget = this.budgetFor(projectId);
        const queuedAtMs = clock.now();
        await budget?.acquire();
        const heldMs = clock.now() - queuedAtMs;
        let observation: BudgetObservation | undefined;
        try {
          const result = await this.attempt(requestNow(), (seen) => (observation = seen));
          return result.ok ? result : { ...result, heldMs };
        } finally {
          budget?.settle(observation);
        }
      },
      this.settings.retry,
      clock,
      limits.deadlineAtMs,
    );
  }

  /** One attempt, including the re-sends an authentication challenge asks for, all on one authorization hold. */
  private async attempt(
    request: TransportRequest,
    observe: (observation: BudgetObservation) => void,
  ): Promise<AttemptResult<TransportResponse, AtlasApiError>> {
    const hold = await this.authenticator.hold();
    try {
      for (let challenged = 0; ; challenged++) {
        // A failed token fetch throws its own (already retried) error, not a lost connection.
        const headers = await this.headers(request, hold);
        const outcome = await this.exchange(request, headers, challenged, observe, hold);
        if (outcome !== "again") return outcome;
      }
    } finally {
      hold.release();
    }
  }

  /** One HTTP exchange; `"again"` when an authentication challenge asks for the request to be signed and re-sent. */
  private async exchange(
    request: TransportRequest,
    headers: Record<string, string>,
    challenged: number,
    observe: (observation: BudgetObservation) => void,
    hold: AuthorizationHold,
  ): Promise<AttemptResult<TransportResponse, AtlasApiError> | "again"> {
    const description = { method: request.method, path: request.uri };
    const withOrigin = { ...description, origin: this.settings.baseUrl };
    const isWrite = request.method === "POST";
    let response: AxiosResponse<string>;
    try {
      response = await this.http.request<string>({
        method: request.method,
        url: request.uri,
        headers,
        ...(request.body === undefined ? {} : { data: JSON.stringify(request.body) }),
      });
    } catch (thrown) {
      const code = networkCodeOf(thrown);
      const notSeen = NOT_SEEN_NETWORK_CODES.includes(code);
      // A POST whose connection broke after it was sent may have created the service: report, never resend.
      const ambiguous = isWrite && !notSeen;
      const error = atlasErrorFromNetwork(withOrigin, code, { ambiguous });
      return { ok: false, error, retryable: TRANSIENT_NETWORK_CODES.includes(code) && !ambiguous };
    }
    const retryAfterMs = retryAfterMsOf(headerOf(response, "retry-after"), this.settings.clock.now());
    if (response.status !== 401) {
      // Challenges carry no budget news; every other answer says what is left of the project's budget.
      const remaining = Number(headerOf(response, "ratelimit-remaining") ?? Number.NaN);
      const rateLimited = response.status === 429;
      observe({ remaining: Number.isFinite(remaining) ? remaining : undefined, rateLimited, retryAfterMs });
    }
    const body = parseBody(response.data);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, value: { status: response.status, body } };
    }
    if (response.status === 401) {
      const challenge = headerOf(response, "www-authenticate");
      if (hold.onUnauthorized(challenge, challenged)) return "again";
    }
    const transient = TRANSIENT_STATUSES.includes(response.status);
    // Atlas does not act on a rate-limited request; any other 5xx to a POST leaves its effect unknown.
    const ambiguous = isWrite && transient && response.status !== 429;
    const error = atlasErrorFromResponse(
      description,
      {
        status: response.status,
        body,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...optionalHeader("errorCodeHeader", headerOf(response, "x-error-code")),
      },
      { ambiguous },
    );
    return { ok: false, error, retryable: transient && !ambiguous, retryAfterMs, rateLimited: response.status === 429 };
  }

  private async headers(request: TransportRequest, hold: AuthorizationHold): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: request.mediaType };
    if (request.body !== undefined) headers["Content-Type"] = request.mediaType;
    const authorization = await hold.header(request.method, request.uri);
    if (authorization !== undefined) headers["Authorization"] = authorization;
    return headers;
  }

  /** True while the project's budget would hold a new request back (spent, paused after a 429, or queueing). */
  isHolding(projectId: string): boolean {
    return this.budgets.get(projectId)?.holding ?? false;
  }

  private budgetFor(projectId: string | undefined): RequestBudget | undefined {
    if (projectId === undefined) return undefined;
    let budget = this.budgets.get(projectId);
    if (budget === undefined) {
      budget = new RequestBudget(this.settings.clock);
      this.budgets.set(projectId, budget);
    }
    return budget;
  }
}

function missingBuild(): never {
  throw new TypeError("send(projectId, build) needs build");
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Proxies answer 502/503 with HTML; keep a short, credential-free excerpt for the message.
    return {
      detail: text
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 200),
    };
  }
}

function headerOf(response: AxiosResponse<unknown>, name: string): string | undefined {
  const value: unknown = response.headers[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

function optionalHeader<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** `Retry-After` as seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMsOf(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const dateMs = Date.parse(header);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

function networkCodeOf(thrown: unknown): string {
  if (typeof thrown === "object" && thrown !== null) {
    const code = (thrown as { code?: unknown }).code;
    const message = (thrown as { message?: unknown }).message;
    if (code === "ECONNABORTED" && typeof message === "string" && message.includes("timeout")) return "ETIMEDOUT";
    if (typeof code === "string" && code !== "ERR_BAD_RESPONSE") return code;
  }
  return "ECONNRESET";
}
