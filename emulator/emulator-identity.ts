/** A project role as Atlas names it. Owners may create, update and delete; read-only principals may list and get. */
export type ProjectRole = "GROUP_OWNER" | "GROUP_READ_ONLY";

/** An API key (digest authentication: public key = user name, private key = password) and its roles per project. */
export interface ApiKeyConfig {
  readonly publicKey: string;
  readonly privateKey: string;
  /** Project id → role. A project listed here is known to the emulator even if `projects` does not list it. */
  readonly roles: Readonly<Record<string, ProjectRole>>;
}

/** A service account (OAuth 2.0 client credentials) and its roles per project. */
export interface ServiceAccountConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Project id → role. */
  readonly roles: Readonly<Record<string, ProjectRole>>;
}

/**
 * Identity added to the built-in one ({@link EMULATOR_IDENTITY}). Entries with the same public key or client id
 * replace the built-in ones.
 */
export interface EmulatorConfig {
  /** Extra project ids (24 lower-case hex) that exist but where the built-in principals have no role. */
  readonly projects?: readonly string[];
  readonly apiKeys?: readonly ApiKeyConfig[];
  readonly serviceAccounts?: readonly ServiceAccountConfig[];
}

/**
 * The identity every emulator starts with:
 * - project `0123456789abcdef01234567`;
 * - API key `abcdefgh` / `11111111-2222-3333-4444-555555555555`, Project Owner on it;
 * - API key `readonly` / `22222222-3333-4444-5555-666666666666`, Project Read Only on it;
 * - service account `mdb_sa_id_emulator` / `mdb_sa_sk_emulator`, Project Owner on it.
 */
export const EMULATOR_IDENTITY = {
  projectId: "0123456789abcdef01234567",
  apiKey: { publicKey: "abcdefgh", privateKey: "11111111-2222-3333-4444-555555555555" },
  readOnlyKey: { publicKey: "readonly", privateKey: "22222222-3333-4444-5555-666666666666" },
  serviceAccount: { clientId: "mdb_sa_id_emulator", clientSecret: "mdb_sa_sk_emulator" },
} as const;

/** Who may do what, indexed for the request path. */
export interface Identity {
  readonly projects: ReadonlySet<string>;
  readonly apiKeys: ReadonlyMap<string, ApiKeyConfig>;
  readonly serviceAccounts: ReadonlyMap<string, ServiceAccountConfig>;
}

const PROJECT_ID = /^[0-9a-f]{24}$/;
const ROLES: readonly string[] = ["GROUP_OWNER", "GROUP_READ_ONLY"];

/** Merges `config` over the built-in identity, validating it; throws a `TypeError` naming the bad entry. */
export function buildIdentity(config: EmulatorConfig = {}): Identity {
  const builtIn = EMULATOR_IDENTITY;
  const ownerOnDefault = { [builtIn.projectId]: "GROUP_OWNER" } as const;
  const apiKeys = new Map<string, ApiKeyConfig>([
    [builtIn.apiKey.publicKey, { ...builtIn.apiKey, roles: ownerOnDefault }],
    [builtIn.readOnlyKey.publicKey, { ...builtIn.readOnlyKey, roles: { [builtIn.projectId]: "GROUP_READ_ONLY" } }],
  ]);
  const serviceAccounts = new Map<string, ServiceAccountConfig>([
    [builtIn.serviceAccount.clientId, { ...builtIn.serviceAccount, roles: ownerOnDefault }],
  ]);
  const projects = new Set<string>([builtIn.projectId]);

  for (const [i, id] of (config.projects ?? []).entries()) {
    if (typeof id !== "string" || !PROJECT_ID.test(id)) {
      throw new TypeError(`config.projects[${i}] must be 24 lower-case hex digits, got ${JSON.stringify(id)}`);
    }
    projects.add(id);
  }
  for (const [i, key] of (config.apiKeys ?? []).entries()) {
    const where = `config.apiKeys[${i}]`;
    requireString(key?.publicKey, `${where}.publicKey`);
    requireString(key.privateKey, `${where}.privateKey`);
    addRoles(key.roles, `${where}.roles`, projects);
    apiKeys.set(key.publicKey, key);
  }
  for (const [i, account] of (config.serviceAccounts ?? []).entries()) {
    const where = `config.serviceAccounts[${i}]`;
    requireString(account?.clientId, `${where}.clientId`);
    requireString(account.clientSecret, `${where}.clientSecret`);
    addRoles(account.roles, `${where}.roles`, projects);
    serviceAccounts.set(account.clientId, account);
  }
  return { projects, apiKeys, serviceAccounts };
}

function requireString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(`${name} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
}

function addRoles(roles: unknown, name: string, projects: Set<string>): void {
  if (roles === null || typeof roles !== "object") {
    throw new TypeError(`${name} must be an object of project id → role, got ${JSON.stringify(roles)}`);
  }
  for (const [projectId, role] of Object.entries(roles)) {
    if (!PROJECT_ID.test(projectId)) {
      throw new TypeError(`${name} has project id ${JSON.stringify(projectId)}, which is not 24 lower-case hex digits`);
    }
    if (typeof role !== "string" || !ROLES.includes(role)) {
      throw new TypeError(`${name}.${projectId} must be one of ${ROLES.join(", ")}, got ${JSON.stringify(role)}`);
    }
    projects.add(projectId);
  }
}
