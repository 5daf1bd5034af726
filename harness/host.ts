// The provider host: the real dynamic-provider process of @pulumi/pulumi, spawned as the engine
// spawns it, and its gRPC ResourceProvider interface. Values go in and come out as plain JSON
// (secrets already revealed, unknowns as the UNKNOWN string in preview).
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as readline from "readline";
import type * as grpcJs from "@grpc/grpc-js";
import type * as provgrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { pulumiDir, requireFromPulumi } from "./program";
import type { Props } from "./values";

const grpc = requireFromPulumi<typeof grpcJs>("@grpc/grpc-js");
const provGrpc = requireFromPulumi<typeof provgrpc>("@pulumi/pulumi/proto/provider_grpc_pb");
const provPb = requireFromPulumi<typeof provproto>("@pulumi/pulumi/proto/provider_pb");
const statusPb = requireFromPulumi<typeof statusproto>("@pulumi/pulumi/proto/status_pb");
const structPb = requireFromPulumi<typeof structproto>("google-protobuf/google/protobuf/struct_pb");

const hostScript = path.join(pulumiDir, "cmd", "dynamic-provider", "index.js");

export interface HostOptions {
  /** Working directory of the host: the project directory (where `require` resolves from). */
  cwd: string;
  project: string;
  /** The whole stack config, namespaced keys, sent with Configure. */
  config: Record<string, string>;
  env?: Record<string, string>;
  nodePath?: string;
  /** Every line the host prints after its port line. */
  onOutput?: (stream: "stdout" | "stderr", line: string) => void;
}

/** Resource created but not initialized (pulumirpc.ErrorResourceInitFailed). */
export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export interface CheckResult {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

interface Connection {
  client: provgrpc.ResourceProviderClient;
}

type Unary<Req, Res> = (
  req: Req,
  callback: (err: grpcJs.ServiceError | null, res: Res) => void,
) => grpcJs.ClientUnaryCall;

/** One host process at a time, started on first use and again after it died or was killed. */
export class ProviderHost {
  private connection?: Promise<Connection>;
  private proc?: ChildProcess;

  constructor(private readonly opts: HostOptions) {}

  /** The config the next host's Configure sends. */
  useConfig(config: Record<string, string>): void {
    this.opts.config = config;
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    const req = new provPb.CheckRequest();
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.call<provproto.CheckRequest, provproto.CheckResponse>("check", req);
    return {
      inputs: props(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<DiffResult> {
    const req = change(new provPb.DiffRequest(), urn, id, olds, news, oldInputs);
    const res = await this.call<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
    const changes = res.getChanges();
    const Changes = provPb.DiffResponse.DiffChanges;
    return {
      changes: changes === Changes.DIFF_NONE ? "none" : changes === Changes.DIFF_SOME ? "some" : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const req = new provPb.CreateRequest();
    req.setUrn(urn);
    req.setProperties(struct(properties));
    const res = await this.call<provproto.CreateRequest, provproto.CreateResponse>("create", req);
    return { id: res.getId(), properties: props(res.getProperties()) };
  }

  async read(urn: string, id: string, properties: Props, inputs: Props) {
    const req = new provPb.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(properties));
    req.setInputs(struct(inputs));
    const res = await this.call<provproto.ReadRequest, provproto.ReadResponse>("read", req);
    return {
      id: res.getId(),
      properties: props(res.getProperties()),
      inputs: res.hasInputs() ? props(res.getInputs()) : undefined,
    };
  }

  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
    const req = change(new provPb.UpdateRequest(), urn, id, olds, news, oldInputs);
    const res = await this.call<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
    return props(res.getProperties());
  }

  async delete(urn: string, id: string, properties: Props, oldInputs: Props): Promise<void> {
    const req = new provPb.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(properties));
    req.setOldInputs(struct(oldInputs));
    await this.call("delete", req);
  }

  /** The process id of the running host (for its memory figures), undefined before the first call. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** SIGKILL the host (a crash); calls in flight fail, the next call starts a new host. */
  kill(): void {
    this.proc?.kill("SIGKILL");
    this.proc = undefined;
    const connection = this.connection;
    this.connection = undefined;
    void connection?.then(
      ({ client }) => client.close(),
      () => undefined,
    );
  }

  private async call<Req, Res>(method: keyof provgrpc.ResourceProviderClient, req: Req): Promise<Res> {
    const { client } = await this.connect();
    const fn = (client[method] as unknown as Unary<Req, Res>).bind(client);
    return new Promise<Res>((resolve, reject) =>
      fn(req, (err, res) => (err ? reject(providerError(method, err)) : resolve(res))),
    );
  }

  private connect(): Promise<Connection> {
    if (!this.connection) {
      const connection = this.start();
      this.connection = connection;
      connection.catch(() => {
        if (this.connection === connection) this.connection = undefined;
      });
    }
    return this.connection;
  }

  private async start(): Promise<Connection> {
    // As the engine starts it: the project is set, the stack is not.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PULUMI_NODEJS_PROJECT: this.opts.project,
      ...this.opts.env,
    };
    delete env.PULUMI_NODEJS_STACK;
    if (this.opts.nodePath !== undefined) env.NODE_PATH = this.opts.nodePath;
    const proc = spawn(process.execPath, [hostScript, "127.0.0.1:1"], {
      cwd: this.opts.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    const stderr: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      let first = true;
      readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
        if (first) {
          first = false;
          const port = Number(line.trim());
          if (Number.isInteger(port) && port > 0) resolve(port);
          else reject(new Error(`starting provider host: expected a port, got "${line}"`));
        } else {
          this.opts.onOutput?.("stdout", line);
        }
      });
      readline.createInterface({ input: proc.stderr! }).on("line", (line) => {
        if (first) stderr.push(line);
        this.opts.onOutput?.("stderr", line);
      });
      proc.on("error", reject);
      proc.on("exit", (code, signal) => {
        reject(new Error(`starting provider host: exited (${signal ?? code}): ${stderr.join("\n")}`));
        if (this.proc === proc) this.kill();
      });
    });
    const client = new provGrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 1 << 30,
        "grpc.max_send_message_length": 1 << 30,
      },
    );
    const req = new provPb.ConfigureRequest();
    req.setArgs(struct(this.opts.config));
    for (const [k, v] of Object.entries(this.opts.config)) req.getVariablesMap().set(k, v);
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await new Promise<void>((resolve, reject) =>
      client.configure(req, (err) => (err ? reject(providerError("configure", err)) : resolve())),
    );
    return { client };
  }
}

/** A Diff or Update request: the resource, its stored outputs and inputs, and the new inputs. */
function change<
  R extends {
    setUrn(v: string): unknown;
    setId(v: string): unknown;
    setOlds(v: structproto.Struct): unknown;
    setNews(v: structproto.Struct): unknown;
    setOldInputs(v: structproto.Struct): unknown;
  },
>(req: R, urn: string, id: string, olds: Props, news: Props, oldInputs: Props): R {
  req.setUrn(urn);
  req.setId(id);
  req.setOlds(struct(olds));
  req.setNews(struct(news));
  req.setOldInputs(struct(oldInputs));
  return req;
}

function struct(v: Props): structproto.Struct {
  return structPb.Struct.fromJavaScript(v as Record<string, structproto.JavaScriptValue>);
}

function props(s: structproto.Struct | undefined): Props {
  return (s?.toJavaScript() ?? {}) as Props;
}

/** The error of a gRPC call, with the init failure the host packs into grpc-status-details-bin. */
function providerError(method: string, err: grpcJs.ServiceError): ProviderError {
  let initFailure: InitFailure | undefined;
  for (const bin of err.metadata?.get("grpc-status-details-bin") ?? []) {
    const status = statusPb.Status.deserializeBinary(new Uint8Array(bin as Buffer));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failed = provPb.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      initFailure = {
        id: failed.getId(),
        properties: props(failed.getProperties()),
        reasons: failed.getReasonsList(),
      };
    }
  }
  return new ProviderError(`${method}: ${err.details || err.message}`, err.code, initFailure);
}
