/** HaiInstance's provider object, as this module's whole exports (core/shim.ts says why). */
import { providerShim } from "../../core/shim";

export = providerShim("pulumi-runinstances/provider/tencentcloud/hai/provider");
