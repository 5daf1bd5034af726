/**
 * The Args types as a program meets them: every `Input` of the right type is accepted (an Output
 * of a boolean, of a union of literals, of a value that may be undefined, at any depth), and every
 * argument shows a one-line description on hover. The values below are type-checked by `tsc`; the
 * tests compile this file with the TypeScript compiler, and read each argument's JSDoc.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import type {
  CvmHourlyInstanceArgs,
  CvmInstanceArgs,
  EcmInstanceArgs,
  HaiInstanceArgs,
  SwasInstanceArgs,
} from "../../provider/index";

const out = <T>(v: T) => pulumi.output(v);

export const cvm: CvmInstanceArgs = {
  region: out<string | undefined>("ap-guangzhou"),
  placement: out({ zone: "ap-guangzhou-3", projectId: 0 }),
  imageId: out("img-pmqg1cw7"),
  instanceChargeType: out<"PREPAID" | "POSTPAID_BY_HOUR">("PREPAID"),
  instanceChargePrepaid: { period: out(1), renewFlag: out<"NOTIFY_AND_AUTO_RENEW" | undefined>(undefined) },
  instanceType: out<string | undefined>(undefined),
  instanceName: out<string | undefined>("web-{R:1}"),
  instanceCount: out(2),
  systemDisk: { diskType: out<"CLOUD_PREMIUM" | "CLOUD_SSD">("CLOUD_SSD"), diskSize: out(50) },
  dataDisks: out([{ diskSize: 100, deleteWithInstance: true }]),
  securityGroupIds: [out("sg-12345678"), "sg-87654321"],
  internetAccessible: out({ publicIpAssigned: true, internetMaxBandwidthOut: 10 }),
  loginSettings: { password: pulumi.secret("Passw0rd!") },
  enhancedService: { securityService: { enabled: out(true) } },
  tagSpecification: [{ resourceType: "instance", tags: out([{ key: "k", value: "v" }]) }],
  releasePrepaid: out(true),
  timeouts: out({ create: "20m" }),
};

export const hourly: CvmHourlyInstanceArgs = {
  zoneId: out(100001),
  cpu: out(1),
  mem: out(2),
  imageId: out("img-3wnd9xpl"),
  storageSize: out(50),
  instanceType: out<"CVM.S1" | "CVM.S2">("CVM.S2"),
  bandwidthType: out<"PayByHour" | "PayByTraffic" | undefined>(undefined),
  password: out<string | undefined>(undefined),
  goodsNum: out(2),
};

export const ecm: EcmInstanceArgs = {
  zoneInstanceCountISPSet: out([{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" as const }]),
  moduleId: out<string | undefined>("esm-jz2wm3m2"),
  instanceChargeType: out<0 | 1 | 2>(0),
  keepImageLogin: out<"TRUE" | "FALSE" | undefined>(undefined),
  securityGroupIds: out(["sg-12345678"]),
  password: pulumi.secret("Passw0rd!"),
};

export const hai: HaiInstanceArgs = {
  applicationId: out("app-jknfna"),
  bundleType: out("XL"),
  running: out(true),
  systemDisk: out({ diskType: "CLOUD_PREMIUM" as const, diskSize: 100 }),
  instanceName: out<string | undefined>(undefined),
};

export const swas: SwasInstanceArgs = {
  imageId: out("e2c9c365024a44369c9b955a998a0000"),
  planId: out("swas.s1.c1m1s40b3t05"),
  period: out(1),
  running: out(false),
  autoRenew: out<boolean>(true),
  autoRenewPeriod: out<number | undefined>(1),
  onDelete: out<"stop" | "retain">("retain"),
  instanceName: out<string | undefined>(undefined),
};

// ---- the compiler's view ---------------------------------------------------------------------

const root = path.resolve(__dirname, "../..");
let program: ts.Program;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  program = ts.createProgram([__filename, path.join(root, "provider/index.ts")], {
    ...config.options,
    noEmit: true,
  });
});

describe("the Args types", () => {
  it("accept an Input of the right type for every argument, for every resource (tsc --strict)", () => {
    const diagnostics = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(__filename))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });

  it("give every argument, nested ones too, a one-line JSDoc that shows on hover", () => {
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(path.join(root, "provider/index.ts"))!;
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!);
    const wrappers = new Set(["Promise", "OutputInstance", "Output", "Unwrap"]);
    /** The object types an Input may hold: not its Promise or Output forms, list elements unwrapped. */
    const objectsOf = (type: ts.Type): ts.Type[] =>
      (type.isUnion() ? type.types : [type]).flatMap((t) => {
        if (!(t.flags & ts.TypeFlags.Object) || wrappers.has(t.getSymbol()?.getName() ?? "")) return [];
        if (checker.isArrayType(t)) return objectsOf(checker.getTypeArguments(t as ts.TypeReference)[0]);
        return [t];
      });
    const undocumented: string[] = [];
    let seen = 0;
    const walk = (type: ts.Type, at: string, depth: number) => {
      for (const object of objectsOf(type)) {
        for (const p of checker.getPropertiesOfType(object)) {
          const name = at ? `${at}.${p.name}` : p.name;
          seen++;
          const doc = ts.displayPartsToString(p.getDocumentationComment(checker)).trim();
          if (!doc) undocumented.push(name);
          if (depth < 4) walk(checker.getNonNullableType(checker.getTypeOfSymbol(p)), name, depth + 1);
        }
      }
    };
    for (const e of exported.filter((x) => x.name.endsWith("InstanceArgs"))) {
      const sym = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      walk(checker.getDeclaredTypeOfSymbol(sym), e.name.replace(/InstanceArgs$/, ""), 0);
    }
    expect(seen).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  });
});
